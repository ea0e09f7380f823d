namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// Bounds of an AI-agent conversation held over a call's real audio (<see cref="VoiceCallRunner"/>), bound from
/// <c>ContactCenter:Broadcast:Voice</c>.
/// </summary>
public sealed record VoiceCallOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "ContactCenter:Broadcast:Voice";

    /// <summary>
    /// Longest conversation (and so longest AI-agent call); then the agent ends it as a hang-up. The call grain holds
    /// the conversation outside its message turns, so this is not bound by Orleans' response timeout.
    /// </summary>
    public TimeSpan MaxCallLength { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A gap in the caller's RTP longer than this counts as silence (senders may suppress silence, RFC 3551 §4.1),
    /// so the no-input timer still runs when nothing arrives.
    /// </summary>
    public TimeSpan MediaGapAsSilence { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How to find the end of an answering machine's greeting before leaving a voicemail message.</summary>
    public ContactCenter.Telephony.Media.Amd.GreetingEndOptions VoicemailGreeting { get; init; } = new();

    /// <summary>A message per setting out of range.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxCallLength < TimeSpan.FromSeconds(5) || MaxCallLength > TimeSpan.FromHours(4))
            yield return $"{nameof(MaxCallLength)} must be between 5 seconds and 4 hours.";
        if (MediaGapAsSilence < TimeSpan.FromMilliseconds(20) || MediaGapAsSilence > TimeSpan.FromSeconds(5))
            yield return $"{nameof(MediaGapAsSilence)} must be between 20 ms and 5 s.";
        foreach (var problem in (VoicemailGreeting ?? new()).Validate()) yield return $"{nameof(VoicemailGreeting)}: {problem}";
    }
}
