namespace ContactCenter.Grains.Campaigns;

/// <summary>The agent a campaign gave an answered predictive call, and the phone to bridge it to.</summary>
[GenerateSerializer, Immutable, Alias("cc.AssignedAgent")]
public sealed record AssignedAgent([property: Id(0)] string AgentId, [property: Id(1)] string? SipUri);
