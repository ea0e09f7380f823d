using ContactCenter.Telephony.Speech;

namespace ContactCenter.SpeechLoad;

/// <summary>The answers simulated callers give: espeak-ng phrases through G.711, and the grammar that expects them.</summary>
internal sealed class CallerAudio
{
    public static readonly string[] Phrases = ["yes", "no", "stop calling me", "call me back tomorrow", "talk to a person"];

    private CallerAudio(JsgfGrammar grammar, IReadOnlyList<byte[]> muLaw)
    {
        Grammar = grammar;
        MuLaw = muLaw;
    }

    public JsgfGrammar Grammar { get; }

    /// <summary>µ-law of each phrase, in the order of <see cref="Phrases"/>.</summary>
    public IReadOnlyList<byte[]> MuLaw { get; }

    public static async Task<CallerAudio> RenderAsync()
    {
        var cache = Directory.CreateTempSubdirectory("speech-load-").FullName;
        var tts = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = cache });
        var rendered = new List<byte[]>();
        foreach (var phrase in Phrases)
        {
            rendered.Add((await tts.SynthesizeAsync(phrase)).MuLaw);
        }

        return new CallerAudio(JsgfGrammar.Build("answers", Phrases, PronunciationDictionary.Load()), rendered);
    }
}
