namespace ContactCenter.Grains.Calls;

/// <summary>Call detail records summed for one agent or campaign over a report's period.</summary>
public sealed class CallSummary(string id)
{
    public string Id { get; } = id;
    public long Attempts { get; set; }
    public long Answered { get; set; }
    public double TalkSeconds { get; set; }
    public Dictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Dispositions { get; } = new(StringComparer.Ordinal);

    /// <summary>Answered attempts as a share of all attempts, 0 to 1.</summary>
    public double AnswerRate => Attempts == 0 ? 0 : Math.Round((double)Answered / Attempts, 4);
    public double AverageTalkSeconds => Answered == 0 ? 0 : Math.Round(TalkSeconds / Answered, 1);
    public double AverageRingSeconds => RingCount == 0 ? 0 : Math.Round(RingSeconds / RingCount, 1);

    internal double RingSeconds { get; set; }
    internal long RingCount { get; set; }
}
