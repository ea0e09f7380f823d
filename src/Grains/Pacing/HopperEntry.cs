namespace ContactCenter.Grains.Pacing;

/// <summary>A lead the hopper holds for dialing, with the agent a personal callback belongs to.</summary>
public sealed record HopperEntry(long LeadId, string Phone, string? CallbackAgentId);
