namespace ContactCenter.Grains.Campaigns;

/// <summary>A call the campaign has in flight, and for whom.</summary>
[GenerateSerializer, Immutable, Alias("cc.ActiveCall")]
public sealed record ActiveCall([property: Id(0)] string CallId, [property: Id(1)] long LeadId, [property: Id(2)] string? AgentId, [property: Id(3)] DateTimeOffset StartedAt,
    // Predictive: when the call was answered (and an agent looked for); null while it rings.
    [property: Id(4)] DateTimeOffset? AnsweredAt = null);
