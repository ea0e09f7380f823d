using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class PocketSphinxRecognizerTests : IDisposable
{
    private static readonly string[] Phrases = ["yes", "no", "stop calling me", "call me back tomorrow", "talk to a person"];
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private JsgfGrammar Grammar() => JsgfGrammar.Build("answers", Phrases, PronunciationDictionary.Load());

    [Fact]
    public void Grammar_NormalisesPhrasesAndRejectsUnknownWords()
    {
        var grammar = JsgfGrammar.Build("my-answers", ["Yes, please!", "yes please", "zzqx now", "42", "call me"], PronunciationDictionary.Load());

        Assert.Equal("my_answers", grammar.Name);
        Assert.Equal(["yes please", "call me"], grammar.Phrases);
        Assert.Equal(2, grammar.Rejected.Count);
        Assert.Contains("zzqx", grammar.Rejected[0], StringComparison.Ordinal);
        Assert.Equal("#JSGF V1.0;\ngrammar my_answers;\npublic <utterance> = yes please | call me;\n", grammar.Text.ReplaceLineEndings("\n"));
        Assert.Throws<ArgumentException>(() => JsgfGrammar.Build("x", ["qqqzz", "!!"], PronunciationDictionary.Load()));
        Assert.Throws<FileNotFoundException>(() => PronunciationDictionary.Load("/nonexistent.dict"));
        Assert.True(PronunciationDictionary.Load().Count > 100_000);
    }

    [Theory]
    [InlineData("stop calling me")]
    [InlineData("call me back tomorrow")]
    [InlineData("no")]
    public async Task Recognize_EspeakThroughG711_IsHeard(string phrase)
    {
        var speech = await new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = work.Path }).SynthesizeAsync(phrase);
        ISpeechRecognizer recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.Path });

        var result = await recognizer.RecognizeMuLawAsync(speech.MuLaw, Grammar());

        Assert.Equal(phrase, result.Text);
        Assert.Equal(speech.Duration, result.AudioDuration);
        Assert.Empty(Directory.GetFiles(work.Path, "*.raw"));
    }

    [Fact]
    public async Task Recognize_TooShortAudio_IsEmpty()
    {
        var result = await new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.Path }).RecognizeAsync(new short[100], Grammar());

        Assert.False(result.HasText);
    }

    [Fact]
    public async Task Recognize_MissingTool_GivesClearError()
    {
        var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.Path, ExecutablePath = "/nonexistent/pocketsphinx" });

        var ex = await Assert.ThrowsAsync<SpeechToolException>(() => recognizer.RecognizeAsync(new short[8000], Grammar()));

        Assert.Contains("Cannot start", ex.Message, StringComparison.Ordinal);
    }
}
