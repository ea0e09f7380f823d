namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// The parameters of Asterisk's AMD application (amd.conf), with its defaults. Times are
/// measured in audio, 20 ms frame by frame.
/// </summary>
public sealed record AmdOptions
{
    /// <summary>Longest silence before the greeting; more means Machine (initial_silence, 2500 ms).</summary>
    public TimeSpan InitialSilence { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Longest greeting voice; more means Machine (greeting, 1500 ms).</summary>
    public TimeSpan Greeting { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Silence after the greeting that means Human (after_greeting_silence, 800 ms).</summary>
    public TimeSpan AfterGreetingSilence { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Time allowed to decide; then NotSure (total_analysis_time, 5000 ms).</summary>
    public TimeSpan TotalAnalysisTime { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>Voice shorter than this is noise, not a word (min_word_length, 100 ms).</summary>
    public TimeSpan MinimumWordLength { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Silence that ends a word (between_words_silence, 50 ms).</summary>
    public TimeSpan BetweenWordsSilence { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Words allowed in a greeting; one more means Machine (maximum_number_of_words, 2).</summary>
    public int MaximumNumberOfWords { get; init; } = 2;

    /// <summary>Longest single utterance; more means Machine (maximum_word_length, 5000 ms).</summary>
    public TimeSpan MaximumWordLength { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>A frame whose mean absolute sample is below this (0–32767) is silence (silence_threshold, 256).</summary>
    public int SilenceThreshold { get; init; } = 256;

    /// <summary>Returns a message per setting out of range.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(InitialSilence), InitialSilence), (nameof(Greeting), Greeting), (nameof(AfterGreetingSilence), AfterGreetingSilence),
            (nameof(TotalAnalysisTime), TotalAnalysisTime), (nameof(MinimumWordLength), MinimumWordLength),
            (nameof(BetweenWordsSilence), BetweenWordsSilence), (nameof(MaximumWordLength), MaximumWordLength),
        })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(1)) yield return $"{name} must be between 0 and 60 s.";
        }
        if (MaximumNumberOfWords is < 1 or > 100) yield return $"{nameof(MaximumNumberOfWords)} must be 1–100.";
        if (SilenceThreshold is < 0 or > 32767) yield return $"{nameof(SilenceThreshold)} must be 0–32767.";
    }
}
