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
}
