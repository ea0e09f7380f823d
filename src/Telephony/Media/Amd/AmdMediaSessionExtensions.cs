namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Runs answering-machine detection on a live call.</summary>
public static class AmdMediaSessionExtensions
{
    /// <summary>
    /// Listens to <paramref name="session"/>'s received audio until the detector decides. Bounded in
    /// wall-clock time too: if audio stops or never comes, the result is NotSure (TooLong) one second
    /// after <see cref="AmdOptions.TotalAnalysisTime"/>. Start it before the far end's audio flows.
    /// </summary>
    public static async Task<AmdResult> DetectAnsweringMachineAsync(this IMediaSession session, AmdOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new AmdOptions();
        var detector = new AnsweringMachineDetector(options);
        var done = new TaskCompletionSource<AmdResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();

        void OnAudio(AudioFrame frame)
        {
            lock (gate)
            {
                if (detector.ProcessFrame(frame.Samples) is AmdResult result) done.TrySetResult(result);
            }
        }

        session.AudioReceived += OnAudio;
        // Cancelled when we return, so an early decision does not leave the timer running.
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var limit = options.TotalAnalysisTime + TimeSpan.FromSeconds(1);
            var timeout = Task.Delay(limit, timeProvider ?? TimeProvider.System, timerCancellation.Token);
            var finished = await Task.WhenAny(done.Task, timeout);
            if (finished == done.Task) return await done.Task;
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                return detector.Expire();
            }
        }
        finally
        {
            session.AudioReceived -= OnAudio;
            await timerCancellation.CancelAsync();
        }
    }
}
