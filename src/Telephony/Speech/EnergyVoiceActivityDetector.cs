namespace ContactCenter.Telephony.Speech;

/// <summary>
/// Energy-based voice activity and end-of-utterance detection on 20 ms frames of 8 kHz audio. The noise floor is
/// tracked (falling at once to quieter frames, rising slowly during non-speech) so that a noisy line does not count as
/// speech; speech needs <see cref="VoiceActivityOptions.StartFrames"/> loud frames in a row, and ends after
/// <see cref="VoiceActivityOptions.EndOfUtteranceSilence"/> of quiet. One instance per call leg; not thread-safe.
/// </summary>
public sealed class EnergyVoiceActivityDetector
{
    private const double FrameSeconds = PhoneAudio.FrameSamples / (double)PhoneAudio.SampleRate;
    private const double NoiseRise = 0.05;
    private const double SilenceDbfs = -100;

    private readonly VoiceActivityOptions options;
    private readonly List<short> utterance = [];
    private readonly Queue<short[]> preRoll = new();
    private readonly int preRollFrames;
    private readonly int endFrames;
    private readonly int noInputFrames;
    private readonly int maxFrames;
    private double noiseFloor = double.NaN;
    private bool speaking;
    private bool noInputReported;
    private int loudRun;
    private int quietRun;
    private int framesSinceReset;
    private int utteranceFrames;

    public EnergyVoiceActivityDetector(VoiceActivityOptions? options = null)
    {
        this.options = options ?? new VoiceActivityOptions();
        preRollFrames = Frames(this.options.PreRoll);
        endFrames = Math.Max(1, Frames(this.options.EndOfUtteranceSilence));
        noInputFrames = Math.Max(1, Frames(this.options.NoInputTimeout));
        maxFrames = Math.Max(1, Frames(this.options.MaxUtterance));
    }

    /// <summary>True while the caller is speaking.</summary>
    public bool IsSpeaking => speaking;

    /// <summary>The tracked noise floor in dBFS (NaN before the first frame).</summary>
    public double NoiseFloorDbfs => noiseFloor;

    /// <summary>Starts listening for a new answer (call after each prompt); the noise floor is kept.</summary>
    public void Reset()
    {
        speaking = false;
        noInputReported = false;
        loudRun = 0;
        quietRun = 0;
        framesSinceReset = 0;
        utteranceFrames = 0;
        utterance.Clear();
        preRoll.Clear();
    }

    /// <summary>Feeds one 20 ms frame of G.711 µ-law.</summary>
    public VoiceActivity ProcessMuLaw(ReadOnlySpan<byte> frame) => Process(PhoneAudio.DecodeMuLaw(frame));

    /// <summary>Feeds one 20 ms frame (160 samples) of 8 kHz PCM.</summary>
    /// <exception cref="ArgumentException">The frame is not 160 samples.</exception>
    public VoiceActivity Process(ReadOnlySpan<short> frame)
    {
        if (frame.Length != PhoneAudio.FrameSamples)
        {
            throw new ArgumentException($"A frame is {PhoneAudio.FrameSamples} samples (20 ms at 8 kHz); got {frame.Length}.", nameof(frame));
        }

        framesSinceReset++;
        var energy = EnergyDbfs(frame);
        var loud = energy >= Math.Max(noiseFloor + options.SpeechAboveNoiseDb, options.MinimumSpeechDbfs);
        return speaking ? WhileSpeaking(frame, loud) : WhileWaiting(frame, energy, loud);
    }

    private VoiceActivity WhileWaiting(ReadOnlySpan<short> frame, double energy, bool loud)
    {
        if (!loud || double.IsNaN(noiseFloor))
        {
            // Only non-speech updates the floor, otherwise a long answer would raise it and hide itself.
            noiseFloor = double.IsNaN(noiseFloor) || energy < noiseFloor ? energy : noiseFloor + (NoiseRise * (energy - noiseFloor));
        }

        preRoll.Enqueue(frame.ToArray());
        while (preRoll.Count > Math.Max(preRollFrames, options.StartFrames))
        {
            preRoll.Dequeue();
        }

        loudRun = loud ? loudRun + 1 : 0;
        if (loudRun >= options.StartFrames)
        {
            speaking = true;
            quietRun = 0;
            utterance.Clear();
            foreach (var buffered in preRoll)
            {
                utterance.AddRange(buffered);
            }

            utteranceFrames = preRoll.Count;
            preRoll.Clear();
            return new VoiceActivity(VoiceActivityKind.SpeechStarted);
        }

        if (!noInputReported && framesSinceReset >= noInputFrames)
        {
            noInputReported = true;
            return new VoiceActivity(VoiceActivityKind.NoInput);
        }

        return VoiceActivity.None;
    }

    private VoiceActivity WhileSpeaking(ReadOnlySpan<short> frame, bool loud)
    {
        utterance.AddRange(frame);
        utteranceFrames++;
        quietRun = loud ? 0 : quietRun + 1;
        if (quietRun < endFrames && utteranceFrames < maxFrames)
        {
            return VoiceActivity.None;
        }

        var samples = utterance.ToArray();
        speaking = false;
        loudRun = 0;
        quietRun = 0;
        utterance.Clear();
        // An ended utterance is an answer: no-input cannot fire for this prompt any more.
        noInputReported = true;
        return new VoiceActivity(VoiceActivityKind.UtteranceEnded, samples);
    }

    private static double EnergyDbfs(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (var sample in frame)
        {
            sum += (double)sample * sample;
        }

        var meanSquare = sum / frame.Length / (32768.0 * 32768.0);
        return meanSquare <= 0 ? SilenceDbfs : Math.Max(SilenceDbfs, 10 * Math.Log10(meanSquare));
    }

    private static int Frames(TimeSpan span) => (int)Math.Round(span.TotalSeconds / FrameSeconds);
}
