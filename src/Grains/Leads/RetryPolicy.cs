using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Leads;

/// <summary>How often and how soon a lead is tried again after an attempt that reached no one.</summary>
[GenerateSerializer, Immutable, Alias("cc.RetryPolicy")]
public sealed record RetryPolicy
{
    [Id(0)] public int MaxAttempts { get; init; } = 3;
    [Id(1)] public int BusyMinutes { get; init; } = 10;
    [Id(2)] public int NoAnswerMinutes { get; init; } = 60;
    [Id(3)] public int VoicemailMinutes { get; init; } = 240;
    [Id(4)] public int CarrierErrorMinutes { get; init; } = 5;
    /// <summary>Used when an agent picks a disposition flagged Retry.</summary>
    [Id(5)] public int DispositionRetryMinutes { get; init; } = 60;

    /// <summary>The wait before the next attempt, or null when the outcome never retries.</summary>
    public TimeSpan? DelayAfter(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Busy => TimeSpan.FromMinutes(BusyMinutes),
        CallOutcome.NoAnswer => TimeSpan.FromMinutes(NoAnswerMinutes),
        CallOutcome.Voicemail => TimeSpan.FromMinutes(VoicemailMinutes),
        CallOutcome.CarrierError or CallOutcome.Cancelled or CallOutcome.Lost => TimeSpan.FromMinutes(CarrierErrorMinutes),
        _ => null,
    };

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (MaxAttempts is < 1 or > 100) yield return ("retry.maxAttempts", "Must be between 1 and 100.");
        foreach (var (name, value) in new[] { ("busyMinutes", BusyMinutes), ("noAnswerMinutes", NoAnswerMinutes), ("voicemailMinutes", VoicemailMinutes), ("carrierErrorMinutes", CarrierErrorMinutes), ("dispositionRetryMinutes", DispositionRetryMinutes) })
        {
            if (value is < 0 or > 60 * 24 * 30) yield return ($"retry.{name}", "Must be between 0 and 43200 minutes.");
        }
    }
}
