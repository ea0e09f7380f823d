using System.Globalization;
using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Leads;

/// <summary>The columns leads can be sorted by; every sort ends on the id, which keeps keyset pages exact.</summary>
public enum LeadSortKey
{
    Id,
    LastName,
    FirstName,
    Phone,
    CreatedAt,
    UpdatedAt,
    Attempts,
}

/// <summary>A sort such as <c>lastName</c> or <c>-createdAt</c> (a leading '-' sorts descending).</summary>
public sealed record LeadOrder(LeadSortKey Key, bool Descending)
{
    public static readonly LeadOrder Default = new(LeadSortKey.Id, false);

    public override string ToString() => (Descending ? "-" : "") + char.ToLowerInvariant(Key.ToString()[0]) + Key.ToString()[1..];

    /// <summary>Parses <c>id</c>, <c>-id</c>, <c>lastName</c>, <c>-createdAt</c>, ...; throws <see cref="ValidationFailedException"/> otherwise.</summary>
    public static LeadOrder Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var trimmed = text.Trim();
        var descending = trimmed.StartsWith('-');
        var name = trimmed.TrimStart('-', '+');
        if (!Enum.TryParse<LeadSortKey>(name, ignoreCase: true, out var key) || !Enum.IsDefined(key) || int.TryParse(name, out _))
            throw new ValidationFailedException("sort", $"Sort by one of: {string.Join(", ", Enum.GetNames<LeadSortKey>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))} (prefix '-' for descending).");
        return new LeadOrder(key, descending);
    }

    /// <summary>The SQL expression sorted on (NULL names sort as empty text so the keyset comparison stays total).</summary>
    internal string Expression => Key switch
    {
        LeadSortKey.LastName => "coalesce(last_name, '')",
        LeadSortKey.FirstName => "coalesce(first_name, '')",
        LeadSortKey.Phone => "phone",
        LeadSortKey.CreatedAt => "created_at",
        LeadSortKey.UpdatedAt => "updated_at",
        LeadSortKey.Attempts => "attempts",
        _ => "id",
    };

    internal string SqlType => Key switch
    {
        LeadSortKey.CreatedAt or LeadSortKey.UpdatedAt => "timestamptz",
        LeadSortKey.Attempts => "integer",
        _ => "text",
    };

    /// <summary>The sort value of a lead, as written into a cursor.</summary>
    internal string ValueOf(Lead lead) => Key switch
    {
        LeadSortKey.LastName => lead.LastName ?? "",
        LeadSortKey.FirstName => lead.FirstName ?? "",
        LeadSortKey.Phone => lead.Phone,
        LeadSortKey.CreatedAt => lead.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        LeadSortKey.UpdatedAt => lead.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        LeadSortKey.Attempts => lead.Attempts.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    internal object ParseValue(string value) => Key switch
    {
        LeadSortKey.CreatedAt or LeadSortKey.UpdatedAt => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        LeadSortKey.Attempts => int.Parse(value, CultureInfo.InvariantCulture),
        _ => value,
    };
}
