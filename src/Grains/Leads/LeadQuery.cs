namespace ContactCenter.Grains.Leads;

/// <summary>
/// Filters, order and keyset cursor of a lead search. <see cref="After"/> is the opaque
/// <c>next</c> value of the previous page; it only fits the <see cref="Sort"/> it came from.
/// </summary>
public sealed record LeadQuery(
    long? ListId = null,
    LeadStatus? Status = null,
    string? Q = null,
    string? Disposition = null,
    string? Tag = null,
    string? After = null,
    int Limit = 50,
    LeadOrder? Sort = null,
    int? MinAttempts = null,
    int? MaxAttempts = null);
