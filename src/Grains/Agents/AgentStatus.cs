namespace ContactCenter.Grains.Agents;

/// <summary>Where an agent is in the shift, in the order a call moves them.</summary>
public enum AgentStatus
{
    Offline,
    Paused,
    Ready,
    /// <summary>A call is being placed for this agent (the design's "Reserved").</summary>
    Dialing,
    Connected,
    WrapUp,
}
