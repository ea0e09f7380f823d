namespace ContactCenter.Grains.Pacing;

/// <summary>How a Predictive campaign dials ahead of its agents (see docs/predictive-dialing.md).</summary>
[GenerateSerializer, Immutable, Alias("cc.PredictiveSettings")]
public sealed record PredictiveSettings
{
    /// <summary>Abandoned calls as a fraction of live-answered calls the pacer aims to stay under (US rule: 3 % over 30 days).</summary>
    [Id(0)] public double TargetAbandonRate { get; init; } = 0.03;
    /// <summary>Minutes of this campaign's recent calls the statistics (answer rate, ring and handle times, abandons) are taken over.</summary>
    [Id(1)] public int EvaluationWindowMinutes { get; init; } = 15;
    /// <summary>Most calls in flight per available agent, whatever the statistics say.</summary>
    [Id(2)] public double MaxRatio { get; init; } = 5;
    /// <summary>With fewer agents logged in, the campaign dials one call per Ready agent (too few agents to absorb a surprise).</summary>
    [Id(3)] public int MinAgents { get; init; } = 3;
    /// <summary>Attempts in the window below which the statistics are too thin and the campaign dials one call per Ready agent.</summary>
    [Id(4)] public int WarmUpAttempts { get; init; } = 30;
    /// <summary>
    /// Seconds an answered call with no agent free waits for one to finish before it hears the safe-harbor message.
    /// The message must start within the campaign's abandonAfterSeconds, and a loaded node is slow: keep it well under
    /// (0, the default, plays the message at once).
    /// </summary>
    [Id(5)] public double AgentWaitSeconds { get; init; }

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!(TargetAbandonRate is > 0 and <= 0.5)) yield return ("predictive.targetAbandonRate", "A fraction above 0 and at most 0.5 (0.03 is 3 %).");
        if (EvaluationWindowMinutes is < 1 or > 1440) yield return ("predictive.evaluationWindowMinutes", "Between 1 and 1440 minutes.");
        if (!(MaxRatio is >= 1 and <= 10)) yield return ("predictive.maxRatio", "Between 1 and 10 calls per available agent.");
        if (MinAgents is < 1 or > 1000) yield return ("predictive.minAgents", "Between 1 and 1000 agents.");
        if (WarmUpAttempts is < 0 or > 10_000) yield return ("predictive.warmUpAttempts", "Between 0 and 10000 attempts.");
        if (!(AgentWaitSeconds is >= 0 and <= 5)) yield return ("predictive.agentWaitSeconds", "Between 0 and 5 seconds.");
    }
}
