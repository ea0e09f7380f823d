namespace ContactCenter.Grains.Leads;

/// <summary>The new values a lead takes in one status change; null fields keep their value.</summary>
public sealed record LeadTransition(
    LeadStatus To,
    string? Outcome = null,
    string? Disposition = null,
    string? Notes = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? NextCallableAt = null,
    string? CallbackAgentId = null);
