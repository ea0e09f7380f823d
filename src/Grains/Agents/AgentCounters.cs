namespace ContactCenter.Grains.Agents;

/// <summary>Shift counters, cumulative since the agent was created.</summary>
[GenerateSerializer, Alias("cc.AgentCounters")]
public sealed record AgentCounters
{
    [Id(0)] public int CallsHandled { get; init; }
    [Id(1)] public TimeSpan TalkTime { get; init; }
    [Id(2)] public TimeSpan WrapUpTime { get; init; }
    /// <summary>Completed time per state; the current state's running time is added when read.</summary>
    [Id(3)] public Dictionary<AgentStatus, TimeSpan> TimeInState { get; init; } = [];
    [Id(4)] public int CallsOffered { get; init; }
}
