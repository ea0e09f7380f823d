using Npgsql;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// Builds the SQL of a lead search: filters, then the keyset condition <c>(sort value, id) &gt; cursor</c>
/// (or &lt; for a descending sort) with ORDER BY on the same expressions, so a page boundary never
/// skips or repeats a row whatever the sort.
/// </summary>
internal static class LeadSearch
{
    public static void Build(NpgsqlCommand cmd, LeadQuery query, string columns, int? limit)
    {
        var order = query.Sort ?? LeadOrder.Default;
        var where = new List<string>();
        string P(object value)
        {
            cmd.Parameters.Add(new() { Value = value });
            return "$" + cmd.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (query.ListId is { } listId) where.Add($"list_id = {P(listId)}");
        if (query.Status is { } status) where.Add($"status = {P(status.ToString())}");
        if (!string.IsNullOrWhiteSpace(query.Disposition)) where.Add($"disposition = {P(query.Disposition)}");
        if (!string.IsNullOrWhiteSpace(query.Tag)) where.Add($"{P(query.Tag)} = ANY(tags)");
        if (query.MinAttempts is { } min) where.Add($"attempts >= {P(min)}");
        if (query.MaxAttempts is { } max) where.Add($"attempts <= {P(max)}");
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var p = P("%" + query.Q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            where.Add($"(first_name ILIKE {p} OR last_name ILIKE {p} OR phone LIKE {p} OR email ILIKE {p} OR (coalesce(first_name,'') || ' ' || coalesce(last_name,'')) ILIKE {p})");
        }
        var direction = order.Descending ? "DESC" : "ASC";
        var comparison = order.Descending ? "<" : ">";
        if (!string.IsNullOrWhiteSpace(query.After))
        {
            var cursor = LeadCursor.Decode(query.After, order);
            where.Add(order.Key == LeadSortKey.Id
                ? $"id {comparison} {P(cursor.Id)}"
                : $"({order.Expression}, id) {comparison} ({P(order.ParseValue(cursor.Value))}::{order.SqlType}, {P(cursor.Id)})");
        }
        var orderBy = order.Key == LeadSortKey.Id ? $"id {direction}" : $"{order.Expression} {direction}, id {direction}";
        cmd.CommandText = $"SELECT {columns} FROM leads {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY {orderBy}"
            + (limit is { } l ? $" LIMIT {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");
    }
}
