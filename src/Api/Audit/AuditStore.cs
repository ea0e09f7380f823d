using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Api.Audit;

/// <summary>The append-only <c>audit_log</c> table.</summary>
public sealed class AuditStore(NpgsqlDataSource db)
{
    public async Task AppendAsync(string actorKind, string actor, string method, string path, string? route, int status, string? remoteAddress, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("INSERT INTO audit_log (actor_kind, actor, method, path, route, status, remote_address) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        cmd.Parameters.Add(new() { Value = actorKind });
        cmd.Parameters.Add(new() { Value = actor });
        cmd.Parameters.Add(new() { Value = method });
        cmd.Parameters.Add(new() { Value = path });
        cmd.Parameters.Add(new() { Value = (object?)route ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = status });
        cmd.Parameters.Add(new() { Value = (object?)remoteAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Newest first; the next page starts below <see cref="AuditQuery.Before"/>.</summary>
    public async Task<List<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand();
        var where = new List<string>();
        void Filter(string sql, object value, NpgsqlDbType type)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            where.Add(sql.Replace("@", "$" + cmd.Parameters.Count, StringComparison.Ordinal));
        }
        if (query.Actor is not null) Filter("actor = @", query.Actor, NpgsqlDbType.Text);
        if (query.Method is not null) Filter("method = @", query.Method, NpgsqlDbType.Text);
        // A prefix of the path (e.g. /api/lists/6); LIKE's wildcards in it are taken literally.
        if (query.PathPrefix is not null) Filter("starts_with(path, @)", query.PathPrefix, NpgsqlDbType.Text);
        if (query.From is { } from) Filter("at >= @", from.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (query.To is { } to) Filter("at < @", to.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (query.Before is { } before) Filter("id < @", before, NpgsqlDbType.Bigint);
        cmd.Parameters.Add(new NpgsqlParameter { Value = query.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.CommandText = "SELECT id, at, actor_kind, actor, method, path, route, status, remote_address FROM audit_log"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY id DESC LIMIT $" + cmd.Parameters.Count;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var entries = new List<AuditEntry>();
        while (await r.ReadAsync(ct))
        {
            entries.Add(new AuditEntry(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8)));
        }
        return entries;
    }
}
