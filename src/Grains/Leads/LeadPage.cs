namespace ContactCenter.Grains.Leads;

/// <summary>One page of a keyset-paginated lead search; <see cref="Next"/> is the cursor for the following page.</summary>
public sealed record LeadPage(IReadOnlyList<Lead> Items, string? Next);
