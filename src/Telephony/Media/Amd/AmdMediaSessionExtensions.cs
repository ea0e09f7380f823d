namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Runs answering-machine detection on a live call.</summary>
public static class AmdMediaSessionExtensions
{
    /// <summary>
    /// Listens to <paramref name="session"/>'s received audio until the detector decides, judging audio time, not
    /// packets: a pause in the far end's RTP (by the RTP timestamps, and by the arrival clock once it is longer than
    /// <see cref="AmdOptions.MediaGap"/>) and comfort noise (RFC 3389) are silence, as the far end's user was silent.
    /// Bounded in wall-clock time too: if audio never comes, the result is NotSure (TooLong) one second after
    /// <see cref="AmdOptions.TotalAnalysisTime"/>. Start it before the far end's audio flows.
    /// </summary>
    public static Task<AmdResult> DetectAnsweringMachineAsync(this IMediaSession session, AmdOptions? options = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new AmdOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        return LiveAmdAnalysis.RunAsync(session, options, options.TotalAnalysisTime + TimeSpan.FromSeconds(1), timeProvider ?? TimeProvider.System, cancellationToken);
    }
}
