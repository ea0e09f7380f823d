namespace ContactCenter.Grains.Leads;

/// <summary>The fields a supervisor gives for a single new lead.</summary>
public sealed record NewLead
{
    public long ListId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string>? AltPhones { get; init; }
    public string? Gender { get; init; }
    public string? Email { get; init; }
    public string? Comments { get; init; }
    public System.Text.Json.JsonElement? CustomFields { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The profile to store, with the phone already normalized to <paramref name="e164"/> and its <paramref name="timeZone"/>.</summary>
    public LeadProfile ToProfile(string e164, string? timeZone) => new()
    {
        FirstName = FirstName, LastName = LastName, Address = Address, City = City, State = State, PostalCode = PostalCode, Country = Country,
        Phone = e164, AltPhones = [.. AltPhones ?? []], Gender = Gender, Email = Email, Comments = Comments,
        CustomFields = CustomFields is { ValueKind: System.Text.Json.JsonValueKind.Object } fields ? fields.GetRawText() : "{}",
        Tags = [.. Tags ?? []], TimeZone = timeZone,
    };
}
