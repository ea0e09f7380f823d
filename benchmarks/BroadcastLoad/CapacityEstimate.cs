namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>
/// (c) Concurrent speech conversations one node holds, from the measured costs. A conversation second costs:
/// agent speech share × uncached share × TTS RTF + caller speech share × STT RTF + 1 × VAD RTF (every inbound frame)
/// + utterances per second × classifier CPU per utterance. The node's budget is its cores times a utilisation target
/// that leaves room for Orleans, PostgreSQL traffic and bursts.
/// </summary>
public sealed record CapacityEstimate(double Cores, double Utilisation, double AgentSpeechShare, double CallerSpeechShare, double UtterancesPerMinute)
{
    /// <summary>The assumed conversation: the agent talks half the time, the caller a fifth, four answers a minute.</summary>
    public static CapacityEstimate Default { get; } = new(Cores: 2, Utilisation: 0.7, AgentSpeechShare: 0.5, CallerSpeechShare: 0.2, UtterancesPerMinute: 4);

    /// <summary>CPU seconds per second of conversation.</summary>
    public double CpuPerConversationSecond(double ttsRtf, double uncachedShare, double sttRtf, double vadRtf, double classifierSecondsPerUtterance) =>
        AgentSpeechShare * uncachedShare * ttsRtf + CallerSpeechShare * sttRtf + vadRtf + UtterancesPerMinute / 60 * classifierSecondsPerUtterance;

    /// <summary>Conversations that fit in the node's CPU budget.</summary>
    public double Conversations(double cpuPerConversationSecond) => cpuPerConversationSecond <= 0 ? double.PositiveInfinity : Cores * Utilisation / cpuPerConversationSecond;
}
