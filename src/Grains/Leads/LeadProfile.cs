namespace ContactCenter.Grains.Leads;

/// <summary>
/// Who a lead is and how to reach them: what an agent sees in a preview and may correct on a call.
/// The phone here is already E.164; custom fields are a JSON object's text.
/// </summary>
[GenerateSerializer, Immutable, Alias("cc.LeadProfile")]
public sealed record LeadProfile
{
    [Id(0)] public string? FirstName { get; init; }
    [Id(1)] public string? LastName { get; init; }
    [Id(2)] public string? Address { get; init; }
    [Id(3)] public string? City { get; init; }
    [Id(4)] public string? State { get; init; }
    [Id(5)] public string? PostalCode { get; init; }
    [Id(6)] public string? Country { get; init; }
    [Id(7)] public string Phone { get; init; } = "";
    [Id(8)] public List<string> AltPhones { get; init; } = [];
    [Id(9)] public string? Gender { get; init; }
    [Id(10)] public string? Email { get; init; }
    [Id(11)] public string? Comments { get; init; }
    [Id(12)] public string CustomFields { get; init; } = "{}";
    [Id(13)] public List<string> Tags { get; init; } = [];
    [Id(14)] public string? TimeZone { get; init; }
    /// <summary>Zones the number may also be in (several clocks, no address to decide); dialed only while all are open.</summary>
    [Id(15)] public List<string> OtherTimeZones { get; init; } = [];
}
