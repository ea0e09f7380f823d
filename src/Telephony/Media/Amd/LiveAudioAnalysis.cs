namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Analyses one 8 kHz frame; returns the decision once made, else null.</summary>
internal delegate TResult? FrameAnalysis<TResult>(ReadOnlySpan<short> samples) where TResult : class;

/// <summary>
/// Feeds a live call's received audio to a frame detector (the greeting's end) until it decides, bounded in
/// wall-clock time so it ends even when the far end's audio stops or never comes. AMD has its own runner in audio
/// time, <see cref="LiveAmdAnalysis"/>.
/// </summary>
internal static class LiveAudioAnalysis
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Runs <paramref name="analyse"/> on every frame <paramref name="session"/> receives; after <paramref name="limit"/>
    /// of wall-clock time the result is <paramref name="expire"/>'s. With <paramref name="gapAsSilence"/>, a pause in
    /// the far end's RTP longer than it is fed to the detector as silence, one frame per 20 ms (senders may suppress
    /// silence, RFC 3551 §4.1); without, a pause only runs the clock.
    /// </summary>
    public static async Task<TResult> RunAsync<TResult>(IMediaSession session, FrameAnalysis<TResult> analyse, Func<TResult> expire, TimeSpan limit,
        TimeSpan? gapAsSilence, TimeProvider time, CancellationToken cancellationToken) where TResult : class
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        var lastAudio = time.GetTimestamp();

        void OnAudio(AudioFrame frame)
        {
            lock (gate)
            {
                lastAudio = time.GetTimestamp();
                if (analyse(frame.Samples) is { } result) done.TrySetResult(result);
            }
        }

        session.AudioReceived += OnAudio;
        try
        {
            var started = time.GetTimestamp();
            var silentFrame = new short[160];
            // Without the gap rule only the limit needs a tick.
            using var tick = new PeriodicTimer(gapAsSilence is null ? limit : FrameTime, time);
            while (true)
            {
                var next = tick.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(done.Task, next) == done.Task) return await done.Task;
                await next; // throws when cancelled
                lock (gate)
                {
                    if (done.Task.IsCompleted) return done.Task.Result;
                    if (time.GetElapsedTime(started) >= limit) return expire();
                    if (gapAsSilence is { } gap && time.GetElapsedTime(lastAudio) > gap && analyse(silentFrame) is { } result) return result;
                }
            }
        }
        finally
        {
            session.AudioReceived -= OnAudio;
        }
    }
}
