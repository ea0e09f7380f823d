namespace ContactCenter.Grains.Agents;

/// <summary>What a supervisor sets about an agent.</summary>
/// <param name="Name">Display name.</param>
/// <param name="SipUri">The agent's phone (sip:1001@10.0.0.5); calls are bridged there on the SIP stack.</param>
[GenerateSerializer, Immutable, Alias("cc.AgentProfile")]
public sealed record AgentProfile([property: Id(0)] string Name, [property: Id(1)] string? SipUri = null);
