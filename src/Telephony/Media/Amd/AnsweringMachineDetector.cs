using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;

namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// Answering-machine detection in the manner of Asterisk's AMD: each frame is voice or silence by
/// its mean absolute level; runs of voice at least the minimum word length count as words, and a
/// word ends after the between-words silence. A person says something short ("Hello?") and then
/// waits, so a greeting followed by enough silence is Human; a recorded greeting talks on, so too
/// many words, too long a greeting or word, or a long silence before anything is said is Machine.
/// The decision comes within the total analysis time of audio, or NotSure. Feed frames in order.
/// Time is audio time, not packets: a sender that suppresses silence (RFC 3551 §4.1) or sends comfort noise instead
/// (RFC 3389) leaves out exactly the silence that tells a waiting person from a greeting, so the RTP timestamps of
/// <see cref="ProcessFrame(AudioFrame)"/> and <see cref="ProcessComfortNoise"/> and the silence the caller counts by
/// arrival time (<see cref="ProcessSilence"/>) put it back.
/// </summary>
public sealed class AnsweringMachineDetector
{
    private static readonly TimeSpan SilenceStep = TimeSpan.FromMilliseconds(20);

    private readonly AmdOptions options;
    private RtpAudioTimeline timeline = new();
    private TimeSpan total;
    private TimeSpan silence;
    private TimeSpan consecutiveVoice;
    private TimeSpan greetingVoice;
    private int words;
    private bool inWord;
    private bool inGreeting;

    /// <summary>Creates a detector; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public AnsweringMachineDetector(AmdOptions? options = null)
    {
        this.options = options ?? new AmdOptions();
        var problems = this.options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
    }

    /// <summary>The decision, once made; later frames do not change it.</summary>
    public AmdResult? Result { get; private set; }

    /// <summary>Audio analysed so far.</summary>
    public TimeSpan AnalysedTime => total;

    /// <summary>Analyses one frame of 8 kHz samples (any length; 160 = 20 ms). Returns the decision once made.</summary>
    public AmdResult? ProcessFrame(ReadOnlySpan<short> samples)
    {
        if (Result is not null || samples.IsEmpty) return Result;
        return Count(Duration(samples.Length), voice: VoiceActivity.MeanAbsoluteLevel(samples) >= options.SilenceThreshold);
    }

    /// <summary>
    /// Analyses one received frame in the far end's time: when its RTP timestamp is ahead of where the audio so far
    /// ended, the sender sent nothing in between (silence suppression) and that time is silence first. A concealed
    /// frame for time already counted as silence is skipped; a real frame is always heard, even late. Frames must come
    /// in sequence order, as <see cref="IMediaSession.AudioReceived"/> raises them.
    /// </summary>
    public AmdResult? ProcessFrame(AudioFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var length = frame.Samples.Length;
        if (Result is not null || length == 0) return Result;
        if (frame.Concealed && timeline.IsCounted(frame.Timestamp, length)) return null;

        CountSilence(timeline.GapBefore(frame.Timestamp));
        timeline.Cover(frame.Timestamp, length);
        return ProcessFrame(frame.Samples);
    }

    /// <summary>
    /// A comfort-noise packet (RFC 3389, payload type 13 or the negotiated CN type) at <paramref name="rtpTimestamp"/>:
    /// the far end is silent from there on. Time its timestamp shows missing before it is silence too.
    /// </summary>
    public AmdResult? ProcessComfortNoise(uint rtpTimestamp)
    {
        if (Result is not null) return Result;
        CountSilence(timeline.GapBefore(rtpTimestamp));
        timeline.Cover(rtpTimestamp, 0);
        return Result;
    }

    /// <summary>
    /// Counts <paramref name="duration"/> of silence for which no audio came (the far end sent nothing, by the arrival
    /// clock). Decisions fall on the 20 ms step where they would with silent frames.
    /// </summary>
    public AmdResult? ProcessSilence(TimeSpan duration)
    {
        if (Result is not null || duration <= TimeSpan.Zero) return Result;
        var samples = (int)Math.Round(Math.Min(duration.TotalSeconds, 3600) * AudioClip.SampleRate);
        timeline.Advance(samples);
        CountSilence(samples);
        return Result;
    }

    /// <summary>Analyses one frame of G.711 code words.</summary>
    public AmdResult? ProcessG711(G711Law law, ReadOnlySpan<byte> codes)
    {
        Span<short> pcm = codes.Length <= 1024 ? stackalloc short[codes.Length] : new short[codes.Length];
        G711.Decode(law, codes, pcm);
        return ProcessFrame(pcm);
    }

    /// <summary>
    /// A copy in the same state, to try out silence that may not have happened: by the arrival clock the far end is
    /// quiet, but its packets may merely be late, and then their timestamps, not the clock, must say how long the pause was.
    /// </summary>
    internal AnsweringMachineDetector Fork()
    {
        var fork = (AnsweringMachineDetector)MemberwiseClone();
        fork.timeline = timeline.Clone();
        return fork;
    }

    /// <summary>Ends the analysis because no more audio will come: the decision, or NotSure (AudioEnded).</summary>
    public AmdResult Finish() => Result ?? Decide(AmdStatus.NotSure, AmdCause.AudioEnded);

    /// <summary>Ends the analysis because the wall-clock limit passed (audio stalled): the decision, or NotSure (TooLong) with the counts so far.</summary>
    public AmdResult Expire() => Result ?? Decide(AmdStatus.NotSure, AmdCause.TooLong);

    /// <summary>Analyses a whole clip in 20 ms frames.</summary>
    public static AmdResult Analyze(AudioClip clip, AmdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var detector = new AnsweringMachineDetector(options);
        var samples = clip.Samples.Span;
        for (int offset = 0; offset < samples.Length && detector.Result is null; offset += G711.SamplesPer20Ms)
        {
            detector.ProcessFrame(samples.Slice(offset, Math.Min(G711.SamplesPer20Ms, samples.Length - offset)));
        }
        return detector.Finish();
    }

    private static TimeSpan Duration(int samples) => TimeSpan.FromSeconds(samples / (double)AudioClip.SampleRate);

    private void CountSilence(int samples)
    {
        var step = (int)(SilenceStep.TotalSeconds * AudioClip.SampleRate);
        for (var left = samples; left > 0 && Result is null; left -= step) Count(Duration(Math.Min(step, left)), voice: false);
    }

    private AmdResult? Count(TimeSpan duration, bool voice)
    {
        total += duration;
        if (voice) OnVoice(duration);
        else OnSilence(duration);

        if (Result is null && total >= options.TotalAnalysisTime) Decide(AmdStatus.NotSure, AmdCause.TooLong);
        return Result;
    }

    private void OnSilence(TimeSpan duration)
    {
        silence += duration;
        consecutiveVoice = TimeSpan.Zero;
        if (inWord && silence >= options.BetweenWordsSilence) inWord = false;

        if (words == 0 && silence >= options.InitialSilence) Decide(AmdStatus.Machine, AmdCause.InitialSilence);
        else if (words > 0 && silence >= options.AfterGreetingSilence) Decide(AmdStatus.Human, AmdCause.AfterGreetingSilence);
    }

    private void OnVoice(TimeSpan duration)
    {
        consecutiveVoice += duration;
        if (inGreeting) greetingVoice += duration;
        if (consecutiveVoice < options.MinimumWordLength) return; // a click or a breath, not yet a word

        // Real voice: the silence run is over, and a new word starts unless we are inside one.
        silence = TimeSpan.Zero;
        if (!inGreeting)
        {
            inGreeting = true;
            greetingVoice = consecutiveVoice;
        }
        if (!inWord)
        {
            inWord = true;
            words++;
        }

        if (words > options.MaximumNumberOfWords) Decide(AmdStatus.Machine, AmdCause.MaxWords);
        else if (consecutiveVoice >= options.MaximumWordLength) Decide(AmdStatus.Machine, AmdCause.MaxWordLength);
        else if (greetingVoice >= options.Greeting) Decide(AmdStatus.Machine, AmdCause.LongGreeting);
    }

    private AmdResult Decide(AmdStatus status, AmdCause cause)
    {
        Result = new AmdResult(status, cause, total, words, greetingVoice, silence);
        return Result;
    }
}
