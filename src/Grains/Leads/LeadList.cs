namespace ContactCenter.Grains.Leads;

/// <summary>A named list of leads; numbers without a country code are read in <see cref="DefaultRegion"/>.</summary>
public sealed record LeadList(long Id, string Name, string DefaultRegion, DateTimeOffset CreatedAt, long LeadCount);
