namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// The parameters of Asterisk's AMD application (amd.conf), with its defaults but one (the silence that ends a word).
/// Times are measured in audio, 20 ms frame by frame; audio the far end did not send counts as silence.
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

    /// <summary>
    /// Silence that ends a word (between_words_silence; Asterisk's 50 ms, ours 100 ms). The closure before a stop
    /// consonant ("who's c-alling", "spea-k-ing") is silent for 50–100 ms, so at 50 ms a two-word "Hello, who's calling?"
    /// counted three words and a person was a machine; 100 ms took the people of our labelled set from 83 % to 100 %
    /// and left its machines at 100 % (benchmarks/README.md, AMD).
    /// </summary>
    public TimeSpan BetweenWordsSilence { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Words allowed in a greeting; one more means Machine (maximum_number_of_words, 2).</summary>
    public int MaximumNumberOfWords { get; init; } = 2;

    /// <summary>Longest single utterance; more means Machine (maximum_word_length, 5000 ms).</summary>
    public TimeSpan MaximumWordLength { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>A frame whose mean absolute sample is below this (0–32767) is silence (silence_threshold, 256).</summary>
    public int SilenceThreshold { get; init; } = 256;

    /// <summary>
    /// How long the far end's RTP may pause, on a live call, before the arrival clock tries the pause as silence
    /// (counted from its start) to see whether that decides: senders that suppress silence send nothing while their
    /// user is quiet. The delay leaves room for network jitter and the jitter buffer's wait for a missing packet. For a
    /// sender seen sending its silence as packets the clock waits at least a second, since its pauses are hold-ups.
    /// </summary>
    public TimeSpan MediaGap { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The payload type of RFC 3389 comfort noise: 13, the static type for 8 kHz (RFC 3551 §6), unless the SDP
    /// negotiated another (<c>a=rtpmap:N CN/8000</c>). Such packets mean the far end is silent.
    /// </summary>
    public int ComfortNoisePayloadType { get; init; } = 13;

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
        if (MediaGap < TimeSpan.FromMilliseconds(20) || MediaGap > TimeSpan.FromSeconds(2)) yield return $"{nameof(MediaGap)} must be between 20 ms and 2 s.";
        if (ComfortNoisePayloadType is < 0 or > 127) yield return $"{nameof(ComfortNoisePayloadType)} must be 0–127.";
    }
}
