namespace ContactCenter.Grains.Pacing;

/// <summary>
/// A lead the hopper holds for dialing, with its list, the agent a personal callback belongs to, and its
/// region (state or province, for the local-presence caller ID).
/// </summary>
public sealed record HopperEntry(long LeadId, string Phone, string? CallbackAgentId, long ListId, string? Region = null);
