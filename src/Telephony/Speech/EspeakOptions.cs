namespace ContactCenter.Telephony.Speech;

/// <summary>Settings of <see cref="EspeakTextToSpeech"/>.</summary>
public sealed record EspeakOptions
{
    /// <summary>Where rendered prompts are kept, one file per text and voice.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "contact-center-tts");

    /// <summary>espeak-ng voice used when none is asked for.</summary>
    public string DefaultVoice { get; init; } = "en-us";

    /// <summary>Speaking rate in words per minute; espeak's default is 175, slightly slower is clearer on a phone.</summary>
    public int WordsPerMinute { get; init; } = 160;

    /// <summary>The espeak-ng executable.</summary>
    public string EspeakPath { get; init; } = "espeak-ng";

    /// <summary>The sox executable.</summary>
    public string SoxPath { get; init; } = "sox";

    /// <summary>Longest accepted prompt, in characters; longer text is a script error, not something to speak.</summary>
    public int MaxTextLength { get; init; } = 2000;

    /// <summary>Longest a single tool run may take.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
