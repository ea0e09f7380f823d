namespace ContactCenter.Grains.Leads;

/// <summary>What <see cref="LeadStore.AddAsync"/> did: the lead added, or the one already in the list with that number (as it is now).</summary>
public sealed record LeadAddition(LeadAddOutcome Outcome, Lead Lead);
