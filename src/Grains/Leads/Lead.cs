namespace ContactCenter.Grains.Leads;

/// <summary>A lead as stored: profile, dialing state and last result.</summary>
[GenerateSerializer, Immutable, Alias("cc.Lead")]
public sealed record Lead
{
    [Id(0)] public long Id { get; init; }
    [Id(1)] public long ListId { get; init; }
    [Id(2)] public string? FirstName { get; init; }
    [Id(3)] public string? LastName { get; init; }
    [Id(4)] public string? Address { get; init; }
    [Id(5)] public string? City { get; init; }
    [Id(6)] public string? State { get; init; }
    [Id(7)] public string? PostalCode { get; init; }
    [Id(8)] public string? Country { get; init; }
    [Id(9)] public string Phone { get; init; } = "";
    [Id(10)] public List<string> AltPhones { get; init; } = [];
    [Id(11)] public string? Gender { get; init; }
    [Id(12)] public string? Email { get; init; }
    [Id(13)] public string? Comments { get; init; }
    [Id(14), System.Text.Json.Serialization.JsonConverter(typeof(RawJsonConverter))] public string CustomFields { get; init; } = "{}";
    [Id(15)] public List<string> Tags { get; init; } = [];
    [Id(16)] public string? TimeZone { get; init; }
    [Id(17)] public LeadStatus Status { get; init; }
    [Id(18)] public int Attempts { get; init; }
    [Id(19)] public string? LastOutcome { get; init; }
    [Id(20)] public string? Disposition { get; init; }
    [Id(21)] public string? Notes { get; init; }
    [Id(22)] public DateTimeOffset? NextCallableAt { get; init; }
    [Id(23)] public string? CallbackAgentId { get; init; }
    [Id(24)] public string? CurrentCallId { get; init; }
    [Id(25)] public DateTimeOffset CreatedAt { get; init; }
    [Id(26)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Zones the number may also be in (several clocks, no address to decide): it is dialed only while the window is open in all.</summary>
    [Id(27)] public List<string> OtherTimeZones { get; init; } = [];
}
