namespace ContactCenter.Telephony.Speech;

/// <summary>Settings of <see cref="PocketSphinxRecognizer"/>; defaults are the Debian <c>pocketsphinx-en-us</c> paths.</summary>
public sealed record PocketSphinxOptions
{
    /// <summary>The recogniser executable (Debian package <c>pocketsphinx</c>).</summary>
    public string ExecutablePath { get; init; } = "pocketsphinx_continuous";

    /// <summary>The acoustic model directory (a 16 kHz model).</summary>
    public string AcousticModelPath { get; init; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    /// <summary>The pronunciation dictionary.</summary>
    public string DictionaryPath { get; init; } = PronunciationDictionary.DebianEnUsPath;

    /// <summary>
    /// A phonetic language model for the phone loop that out-of-grammar speech is measured against
    /// (<see cref="InProcessRecognitionOptions.RejectOutOfGrammar"/>), such as Debian's
    /// <c>/usr/share/pocketsphinx/model/en-us/en-us-phone.lm.bin</c>; null (the default) for a loop in which any phone
    /// may follow any other. Measured on the tuning set: the plain loop separated in-grammar from other speech better
    /// (best balanced accuracy 90 % against 85 % with the Debian phone model).
    /// </summary>
    public string? PhoneModelPath { get; init; }

    /// <summary>Scratch directory for audio and grammar files.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "contact-center-stt");

    /// <summary>Longest a recognition may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest accepted utterance; longer audio is cut, because answers to a prompt are short.</summary>
    public TimeSpan MaxUtterance { get; init; } = TimeSpan.FromSeconds(30);
}
