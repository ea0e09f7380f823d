namespace ContactCenter.Grains.Agents;

/// <summary>An agent as the API and dashboards see it.</summary>
[GenerateSerializer, Immutable, Alias("cc.AgentSnapshot")]
public sealed record AgentSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? SipUri,
    [property: Id(3)] AgentStatus Status,
    [property: Id(4)] string? CampaignId,
    [property: Id(5)] string? PauseReason,
    [property: Id(6)] string? CurrentCallId,
    [property: Id(7)] DateTimeOffset StatusSince,
    [property: Id(8)] AgentCounters Counters,
    [property: Id(9)] DateTimeOffset CreatedAt);
