namespace ContactCenter.Telephony.Carrier;

/// <summary>
/// How the simulated carrier behaves for a campaign: the share of attempts that end in each
/// way (the rest are answered), ring and talk durations, and a seed so a run can be repeated.
/// </summary>
public sealed record SimulationProfile
{
    public double AnswerRate { get; init; } = 0.6;
    public double BusyRate { get; init; } = 0.1;
    public double NoAnswerRate { get; init; } = 0.2;
    public double VoicemailRate { get; init; } = 0.1;
    public double FailureRate { get; init; }
    public double RingSeconds { get; init; } = 3;
    public double TalkSeconds { get; init; } = 20;
    public int Seed { get; init; } = 1;

    /// <summary>Returns a message per rate that is out of range or a sum above one.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[] { (nameof(AnswerRate), AnswerRate), (nameof(BusyRate), BusyRate), (nameof(NoAnswerRate), NoAnswerRate), (nameof(VoicemailRate), VoicemailRate), (nameof(FailureRate), FailureRate) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value)) yield return $"{name} must be between 0 and 1.";
        }
        if (AnswerRate + BusyRate + NoAnswerRate + VoicemailRate + FailureRate > 1.0001) yield return "The rates must add up to at most 1.";
        if (RingSeconds < 0 || TalkSeconds < 0) yield return "RingSeconds and TalkSeconds must not be negative.";
    }
}
