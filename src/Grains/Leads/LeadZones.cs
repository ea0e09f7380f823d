namespace ContactCenter.Grains.Leads;

/// <summary>The zone a lead is called in and, when its number is on several clocks with nothing to decide, the others it may be in.</summary>
public sealed record LeadZones(string? Zone, List<string> Others);
