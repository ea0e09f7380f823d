namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Waits on a live call for an answering machine's greeting to end.</summary>
public static class GreetingEndMediaSessionExtensions
{
    /// <summary>
    /// Listens to <paramref name="session"/>'s received audio with a <see cref="GreetingEndDetector"/> until it decides.
    /// A pause in the machine's RTP longer than <paramref name="mediaGap"/> counts as silence (senders may suppress
    /// silence, RFC 3551 §4.1), and the wait is bounded in wall-clock time by <see cref="GreetingEndOptions.MaximumWait"/>
    /// plus one second, so it ends even when no audio ever comes.
    /// </summary>
    public static Task<GreetingEndResult> WaitForGreetingEndAsync(this IMediaSession session, GreetingEndOptions? options = null,
        TimeProvider? timeProvider = null, TimeSpan? mediaGap = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new GreetingEndOptions();
        var detector = new GreetingEndDetector(options);
        return LiveAudioAnalysis.RunAsync(session, detector.ProcessFrame, detector.Expire, options.MaximumWait + TimeSpan.FromSeconds(1),
            mediaGap ?? TimeSpan.FromMilliseconds(100), timeProvider ?? TimeProvider.System, cancellationToken);
    }
}
