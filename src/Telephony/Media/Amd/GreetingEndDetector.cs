using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// Listens to an answering machine after AMD said Machine and tells when its greeting is over, so a voicemail message
/// is recorded whole: when the beep (a steady tone of at least <see cref="GreetingEndOptions.MinimumBeep"/>) has
/// stopped for <see cref="GreetingEndOptions.BeepEndHold"/>;
/// without a beep, after <see cref="GreetingEndOptions.SilenceAfterGreeting"/> of silence; at the latest after
/// <see cref="GreetingEndOptions.MaximumWait"/> of audio. Feed 8 kHz frames in order.
/// </summary>
public sealed class GreetingEndDetector
{
    /// <summary>Pitch drift still counted as the same tone (a beep's pitch lands on one or two neighbouring grid points).</summary>
    private const double SameToneHz = ToneAnalysis.StepHz * 2;

    private readonly GreetingEndOptions options;
    private TimeSpan total;
    private TimeSpan silence;
    private TimeSpan tone;
    private double toneHz;
    private double? beepHz;
    private TimeSpan beepDuration;
    private TimeSpan sinceBeep;

    /// <summary>Creates a detector; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public GreetingEndDetector(GreetingEndOptions? options = null)
    {
        this.options = options ?? new GreetingEndOptions();
        var problems = this.options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
    }

    /// <summary>The decision, once made; later frames do not change it.</summary>
    public GreetingEndResult? Result { get; private set; }

    /// <summary>Analyses one frame (any length; 160 samples = 20 ms). Returns the decision once made.</summary>
    public GreetingEndResult? ProcessFrame(ReadOnlySpan<short> samples)
    {
        if (Result is not null || samples.IsEmpty) return Result;
        var duration = TimeSpan.FromSeconds(samples.Length / (double)AudioClip.SampleRate);
        total += duration;

        var silent = VoiceActivity.MeanAbsoluteLevel(samples) < options.SilenceThreshold;
        var (hz, purity) = silent ? (0, 0) : ToneAnalysis.DominantTone(samples);
        if (!silent && purity >= options.TonePurity)
        {
            if (beepHz is { } beep && sinceBeep > TimeSpan.Zero && Math.Abs(hz - beep) <= SameToneHz)
                tone = beepDuration + sinceBeep + duration; // the beep again after a dropout: one beep, gap included
            else
                tone = tone > TimeSpan.Zero && Math.Abs(hz - toneHz) <= SameToneHz ? tone + duration : duration;
            toneHz = hz;
            sinceBeep = TimeSpan.Zero;
            if (tone >= options.MinimumBeep) (beepHz, beepDuration) = (toneHz, tone);
        }
        else
        {
            tone = TimeSpan.Zero;
            if (beepHz is not null)
            {
                sinceBeep += duration;
                // The beep is over: the machine records from here.
                if (sinceBeep >= options.BeepEndHold) return Decide(GreetingEndKind.Beep);
            }
        }

        silence = silent ? silence + duration : TimeSpan.Zero;
        if (beepHz is null && silence >= options.SilenceAfterGreeting) return Decide(GreetingEndKind.Silence);
        if (total >= options.MaximumWait) return Decide(beepHz is null ? GreetingEndKind.TimedOut : GreetingEndKind.Beep);
        return null;
    }

    /// <summary>Ends the wait because the wall-clock limit passed: the decision, or TimedOut (a beep still sounding counts as the beep).</summary>
    public GreetingEndResult Expire() => Result ?? Decide(beepHz is null ? GreetingEndKind.TimedOut : GreetingEndKind.Beep);

    /// <summary>Analyses a clip in 20 ms frames; the decision, or null when the clip ended first.</summary>
    public static GreetingEndResult? Analyze(AudioClip clip, GreetingEndOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var detector = new GreetingEndDetector(options);
        var samples = clip.Samples.Span;
        for (int offset = 0; offset < samples.Length && detector.Result is null; offset += 160)
        {
            detector.ProcessFrame(samples.Slice(offset, Math.Min(160, samples.Length - offset)));
        }
        return detector.Result;
    }

    private GreetingEndResult Decide(GreetingEndKind kind)
    {
        Result = kind == GreetingEndKind.Beep
            ? new GreetingEndResult(kind, total, beepHz, beepDuration)
            : new GreetingEndResult(kind, total);
        return Result;
    }
}
