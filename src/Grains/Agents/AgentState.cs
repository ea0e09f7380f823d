namespace ContactCenter.Grains.Agents;

[GenerateSerializer, Alias("cc.AgentState")]
public sealed class AgentState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public AgentProfile Profile { get; set; } = new("");
    [Id(2)] public AgentStatus Status { get; set; }
    [Id(3)] public string? CampaignId { get; set; }
    [Id(4)] public string? PauseReason { get; set; }
    [Id(5)] public string? CurrentCallId { get; set; }
    [Id(6)] public DateTimeOffset StatusSince { get; set; }
    [Id(7)] public AgentCounters Counters { get; set; } = new();
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public DateTimeOffset? ConnectedAt { get; set; }
    /// <summary>When an unanswered wrap-up takes the default disposition; kept so that a new activation re-arms it.</summary>
    [Id(10)] public DateTimeOffset? WrapUpDeadline { get; set; }
}
