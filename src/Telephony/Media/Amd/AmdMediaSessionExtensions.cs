namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Runs answering-machine detection on a live call.</summary>
public static class AmdMediaSessionExtensions
{
    /// <summary>
    /// Listens to <paramref name="session"/>'s received audio until the detector decides. Bounded in
    /// wall-clock time too: if audio stops or never comes, the result is NotSure (TooLong) one second
    /// after <see cref="AmdOptions.TotalAnalysisTime"/>. Start it before the far end's audio flows.
    /// </summary>
    public static Task<AmdResult> DetectAnsweringMachineAsync(this IMediaSession session, AmdOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new AmdOptions();
        var detector = new AnsweringMachineDetector(options);
        return LiveAudioAnalysis.RunAsync(session, detector.ProcessFrame, detector.Expire, options.TotalAnalysisTime + TimeSpan.FromSeconds(1),
            gapAsSilence: null, timeProvider ?? TimeProvider.System, cancellationToken);
    }
}
