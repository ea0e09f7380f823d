namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Waits on a live call for an answering machine's greeting to end.</summary>
public static class GreetingEndMediaSessionExtensions
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Listens to <paramref name="session"/>'s received audio with a <see cref="GreetingEndDetector"/> until it decides.
    /// A pause in the machine's RTP longer than <paramref name="mediaGap"/> counts as silence (senders may suppress
    /// silence, RFC 3551 §4.1), and the wait is bounded in wall-clock time by <see cref="GreetingEndOptions.MaximumWait"/>
    /// plus one second, so it ends even when no audio ever comes.
    /// </summary>
    public static async Task<GreetingEndResult> WaitForGreetingEndAsync(this IMediaSession session, GreetingEndOptions? options = null,
        TimeProvider? timeProvider = null, TimeSpan? mediaGap = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new GreetingEndOptions();
        var time = timeProvider ?? TimeProvider.System;
        var gap = mediaGap ?? TimeSpan.FromMilliseconds(100);
        var detector = new GreetingEndDetector(options);
        var done = new TaskCompletionSource<GreetingEndResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        var lastAudio = time.GetTimestamp();
        var silentFrame = new short[160];

        void OnAudio(AudioFrame frame)
        {
            lock (gate)
            {
                lastAudio = time.GetTimestamp();
                if (detector.ProcessFrame(frame.Samples) is { } result) done.TrySetResult(result);
            }
        }

        session.AudioReceived += OnAudio;
        try
        {
            var started = time.GetTimestamp();
            var limit = options.MaximumWait + TimeSpan.FromSeconds(1);
            using var tick = new PeriodicTimer(FrameTime, time);
            while (!done.Task.IsCompleted)
            {
                await tick.WaitForNextTickAsync(cancellationToken);
                lock (gate)
                {
                    if (time.GetElapsedTime(started) >= limit) return detector.Expire();
                    if (time.GetElapsedTime(lastAudio) > gap && detector.ProcessFrame(silentFrame) is { } result) done.TrySetResult(result);
                }
            }
            return await done.Task;
        }
        finally
        {
            session.AudioReceived -= OnAudio;
        }
    }
}
