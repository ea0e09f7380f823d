namespace ContactCenter.Grains.Leads;

/// <summary>Filters and a keyset cursor for lead search: rows come ordered by id, after <see cref="AfterId"/>.</summary>
public sealed record LeadQuery(long? ListId = null, LeadStatus? Status = null, string? Q = null, string? Disposition = null, string? Tag = null, long? AfterId = null, int Limit = 50);
