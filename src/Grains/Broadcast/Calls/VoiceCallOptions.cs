namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>Bounds of an AI-agent conversation held over a call's real audio (<see cref="VoiceCallRunner"/>).</summary>
public sealed record VoiceCallOptions
{
    /// <summary>
    /// Longest conversation. The call grain holds the conversation inside the carrier's answer event, so this stays
    /// under Orleans' default 30 s response timeout; a script that needs longer calls must raise both.
    /// </summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// A gap in the caller's RTP longer than this counts as silence (senders may suppress silence, RFC 3551 §4.1),
    /// so the no-input timer still runs when nothing arrives.
    /// </summary>
    public TimeSpan MediaGapAsSilence { get; init; } = TimeSpan.FromMilliseconds(100);
}
