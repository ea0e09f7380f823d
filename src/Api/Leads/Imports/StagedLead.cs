namespace ContactCenter.Api.Leads.Imports;

/// <summary>A CSV row that passed validation, normalized and ready for the staging table.</summary>
public sealed record StagedLead(
    long Line,
    string? FirstName,
    string? LastName,
    string? Address,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string Phone,
    string[] AltPhones,
    string? Gender,
    string? Email,
    string? Comments,
    string CustomFieldsJson,
    string[] Tags,
    string? TimeZone,
    // Zones a number on several clocks may also be in (no address to decide); null for one zone.
    string[]? OtherTimeZones = null);
