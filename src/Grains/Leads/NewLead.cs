using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Leads;

/// <summary>The fields a supervisor gives for a single new lead.</summary>
public sealed record NewLead
{
    public long ListId { get; init; }
    [TextLimit(TextLimits.Name)] public string? FirstName { get; init; }
    [TextLimit(TextLimits.Name)] public string? LastName { get; init; }
    [TextLimit(TextLimits.Name, Multiline = true)] public string? Address { get; init; }
    [TextLimit(TextLimits.Name)] public string? City { get; init; }
    [TextLimit(TextLimits.Name)] public string? State { get; init; }
    [TextLimit(TextLimits.Name)] public string? PostalCode { get; init; }
    [TextLimit(TextLimits.Name)] public string? Country { get; init; }
    [TextLimit(TextLimits.Phone)] public string? Phone { get; init; }
    [TextLimit(TextLimits.Phone)] public IReadOnlyList<string>? AltPhones { get; init; }
    [TextLimit(TextLimits.Name)] public string? Gender { get; init; }
    [TextLimit(TextLimits.Email)] public string? Email { get; init; }
    [TextLimit(TextLimits.Comments, Multiline = true)] public string? Comments { get; init; }
    /// <summary>A JSON object of the lead's other fields (at most <see cref="TextLimits.CustomFieldsJson"/> characters of JSON).</summary>
    [TextLimit(TextLimits.CustomFieldsJson, Multiline = true)] public System.Text.Json.JsonElement? CustomFields { get; init; }
    [TextLimit(TextLimits.Code)] public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>The lead's IANA time zone when the caller knows it; it wins over the address and the number.</summary>
    [TextLimit(TextLimits.Code)] public string? TimeZone { get; init; }

    /// <summary>The profile to store, with the phone already normalized to <paramref name="e164"/> and its <paramref name="timeZone"/>.</summary>
    public LeadProfile ToProfile(string e164, string? timeZone, List<string>? otherTimeZones = null) => new()
    {
        FirstName = FirstName, LastName = LastName, Address = Address, City = City, State = State, PostalCode = PostalCode, Country = Country,
        Phone = e164, AltPhones = [.. AltPhones ?? []], Gender = Gender, Email = Email, Comments = Comments,
        CustomFields = CustomFields is { ValueKind: System.Text.Json.JsonValueKind.Object } fields ? fields.GetRawText() : "{}",
        Tags = [.. Tags ?? []], TimeZone = timeZone, OtherTimeZones = otherTimeZones ?? [],
    };
}
