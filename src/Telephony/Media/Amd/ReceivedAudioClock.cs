namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// Puts a live call's received media into an <see cref="AnsweringMachineDetector"/> in audio time: frames and
/// comfort-noise packets as they arrive (their RTP timestamps count the pauses the sender left out), and, while nothing
/// arrives, the arrival clock, so that a decision which needs silence (a person waiting after "Hello?") comes although
/// no packet will. Silence by the arrival clock is only tried out, on a fork of the detector: when it decides, that
/// decision stands; when packets come first, the fork is dropped and their timestamps say how long the pause really was,
/// so packets that were only late (network, or our own process stalled) add no silence. The clock runs
/// <see cref="AmdOptions.MediaGap"/> behind to leave room for jitter and the jitter buffer's wait, and it starts with
/// the far end's first packet (counting the wait before it as silence then): a stream that never starts is a media
/// failure such as one-way audio, not a quiet callee, and stays NotSure. Times are elapsed time since the analysis
/// started. Not thread-safe: the caller serialises the calls.
/// </summary>
internal sealed class ReceivedAudioClock
{
    /// <summary>Silence by the arrival clock is tried in whole frames, the size the far end would have sent.</summary>
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Quiet sent as packets for this long, without a timestamp gap, shows a sender that does not suppress silence
    /// (a suppressing phone's hangover after a word is 100–200 ms).
    /// </summary>
    private static readonly TimeSpan SendsSilenceAfter = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// The media gap for a sender that sends its silence: when its packets stop, the network or our own process is far
    /// more likely to be holding them than its user to have gone quiet, so the clock waits this long before trying.
    /// </summary>
    private static readonly TimeSpan SilenceSenderGap = TimeSpan.FromSeconds(1);

    private readonly TimeSpan mediaGap;
    private readonly int silenceThreshold;
    private AnsweringMachineDetector detector;
    private TimeSpan lastHeard;
    private TimeSpan? lastTick;
    private TimeSpan stalledUntil;
    private TimeSpan quietRun;
    private bool sendsSilence;
    private bool suppresses;
    private bool heard;

    public ReceivedAudioClock(AmdOptions? options = null)
    {
        options ??= new AmdOptions();
        detector = new AnsweringMachineDetector(options);
        mediaGap = options.MediaGap;
        silenceThreshold = options.SilenceThreshold;
    }

    /// <summary>The detector fed (after a decision by the arrival clock, the fork that made it).</summary>
    public AnsweringMachineDetector Detector => detector;

    /// <summary>The media gap in force: <see cref="AmdOptions.MediaGap"/>, longer for a sender seen sending its silence.</summary>
    public TimeSpan Gap => sendsSilence && !suppresses ? TimeSpan.FromTicks(Math.Max(mediaGap.Ticks, SilenceSenderGap.Ticks)) : mediaGap;

    /// <summary>A received frame (in sequence order), arrived at <paramref name="now"/>.</summary>
    public AmdResult? OnFrame(AudioFrame frame, TimeSpan now)
    {
        HearFirst(now);
        var before = detector.AnalysedTime;
        var result = detector.ProcessFrame(frame);
        // A concealed frame stands in for a packet that never came: it says nothing about the sender.
        if (frame.Concealed) return result;
        lastHeard = now;
        if (detector.AnalysedTime - before > frame.Duration) suppresses = true; // its timestamp skipped a pause
        quietRun = VoiceActivity.IsVoice(frame.Samples, silenceThreshold) ? TimeSpan.Zero : quietRun + frame.Duration;
        if (quietRun >= SendsSilenceAfter) sendsSilence = true;
        return result;
    }

    /// <summary>A comfort-noise packet with <paramref name="rtpTimestamp"/>, arrived at <paramref name="now"/>.</summary>
    public AmdResult? OnComfortNoise(uint rtpTimestamp, TimeSpan now)
    {
        HearFirst(now);
        suppresses = true;
        var result = detector.ProcessComfortNoise(rtpTimestamp);
        lastHeard = now;
        return result;
    }

    /// <summary>
    /// The clock at <paramref name="now"/>, called about every 20 ms: tries the time the far end is overdue by more than
    /// the media gap as silence, and keeps the decision if that makes one.
    /// </summary>
    public AmdResult? OnTick(TimeSpan now)
    {
        if (detector.Result is { } decided) return decided;
        // A tick this late means our own process stalled; packets may be waiting in the socket behind it. Let them in first.
        if (now - lastTick > mediaGap + Frame) stalledUntil = now + mediaGap;
        lastTick = now;
        if (!heard || now < stalledUntil) return null;
        return TrySilence(now);
    }

    private void HearFirst(TimeSpan now)
    {
        if (heard) return;
        heard = true;
        // Media flows: the wait for it was the callee's silence (its phone sent nothing while its user said nothing).
        var waited = Frame * Math.Floor((now - mediaGap) / Frame);
        if (waited > TimeSpan.Zero) detector.ProcessSilence(waited);
    }

    private AmdResult? TrySilence(TimeSpan now)
    {
        var overdue = now - lastHeard - Gap;
        if (overdue < Frame) return null;
        var fork = detector.Fork();
        if (fork.ProcessSilence(Frame * Math.Floor(overdue / Frame)) is not { } result) return null;
        detector = fork;
        return result;
    }
}
