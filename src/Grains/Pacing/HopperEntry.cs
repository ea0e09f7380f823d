namespace ContactCenter.Grains.Pacing;

/// <summary>A lead the hopper holds for dialing, with its list and the agent a personal callback belongs to.</summary>
public sealed record HopperEntry(long LeadId, string Phone, string? CallbackAgentId, long ListId);
