namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// How <see cref="GreetingEndDetector"/> finds the end of an answering machine's greeting, where a voicemail message
/// starts: the beep (a steady pure tone), else enough silence, else the maximum wait.
/// </summary>
public sealed record GreetingEndOptions
{
    /// <summary>Shortest steady tone taken as the beep (machines beep for 250 ms to 1 s).</summary>
    public TimeSpan MinimumBeep { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the beep must be gone before it counts as over. A frame lost or late on the way (filled with silence
    /// by the media gap rule) or one impure frame in the middle of the tone must not end it: the machine records only
    /// once the tone really stops, and a message started under the beep loses its first words.
    /// </summary>
    public TimeSpan BeepEndHold { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Silence that ends a greeting which has no beep (longer than the pauses between its sentences).</summary>
    public TimeSpan SilenceAfterGreeting { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for the beep or the silence; then the message starts anyway.</summary>
    public TimeSpan MaximumWait { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Share of a frame's energy that one frequency must hold for the frame to be tone (0.5–0.99). A sine holds about
    /// 0.8 or more at our 25 Hz analysis step; speech spreads its energy over harmonics and formants.
    /// </summary>
    public double TonePurity { get; init; } = 0.7;

    /// <summary>A frame whose mean absolute sample is below this (0–32767) is silence, as in <see cref="AmdOptions.SilenceThreshold"/>.</summary>
    public int SilenceThreshold { get; init; } = 256;

    /// <summary>Returns a message per setting out of range.</summary>
    public IEnumerable<string> Validate()
    {
        if (MinimumBeep < TimeSpan.FromMilliseconds(60) || MinimumBeep > TimeSpan.FromSeconds(5)) yield return $"{nameof(MinimumBeep)} must be between 60 ms and 5 s.";
        if (BeepEndHold < TimeSpan.Zero || BeepEndHold > TimeSpan.FromSeconds(1)) yield return $"{nameof(BeepEndHold)} must be between 0 and 1 s.";
        if (SilenceAfterGreeting < TimeSpan.FromMilliseconds(200) || SilenceAfterGreeting > TimeSpan.FromSeconds(30)) yield return $"{nameof(SilenceAfterGreeting)} must be between 200 ms and 30 s.";
        if (MaximumWait < TimeSpan.FromSeconds(1) || MaximumWait > TimeSpan.FromMinutes(2)) yield return $"{nameof(MaximumWait)} must be between 1 s and 2 minutes.";
        if (TonePurity is < 0.5 or > 0.99 || double.IsNaN(TonePurity)) yield return $"{nameof(TonePurity)} must be between 0.5 and 0.99.";
        if (SilenceThreshold is < 0 or > 32767) yield return $"{nameof(SilenceThreshold)} must be 0–32767.";
    }
}
