namespace ContactCenter.Telephony.Speech;

/// <summary>Settings of <see cref="EnergyVoiceActivityDetector"/>.</summary>
public sealed record VoiceActivityOptions
{
    /// <summary>How far above the tracked noise floor a frame must be to count as speech.</summary>
    public double SpeechAboveNoiseDb { get; init; } = 12;

    /// <summary>Frames quieter than this never count as speech, however quiet the line is (G.711 idle noise is near -70 dBFS).</summary>
    public double MinimumSpeechDbfs { get; init; } = -45;

    /// <summary>Consecutive speech frames before speech is declared; shorter clicks and pops are ignored.</summary>
    public int StartFrames { get; init; } = 3;

    /// <summary>Silence after speech that ends the utterance; shorter pauses between words do not.</summary>
    public TimeSpan EndOfUtteranceSilence { get; init; } = TimeSpan.FromMilliseconds(700);

    /// <summary>Silence from <see cref="EnergyVoiceActivityDetector.Reset"/> after which the caller counts as silent.</summary>
    public TimeSpan NoInputTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest utterance; a caller who keeps talking is cut here so the conversation moves on.</summary>
    public TimeSpan MaxUtterance { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Audio kept from before speech was declared, so the first syllable is not lost.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(200);
}
