using ContactCenter.Telephony.Speech;
using Xunit.Abstractions;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class OutOfGrammarRejectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private static InProcessRecognitionOptions Rejecting(double threshold = InProcessRecognitionOptions.DefaultOutOfGrammarThreshold) =>
        new() { RejectOutOfGrammar = true, OutOfGrammarThreshold = threshold };

    private static JsgfGrammar Grammar() => JsgfGrammar.Build("renewal", RejectionPhrases.Grammar, PronunciationDictionary.Load());

    [Theory]
    [InlineData("the game starts at seven")]
    [InlineData("three hundred")]
    public async Task Recognize_SpeechOutsideTheGrammar_IsNoMatch(string phrase)
    {
        using var recognizer = new InProcessSpeechRecognizer(limits: Rejecting());
        using var unguarded = new InProcessSpeechRecognizer();
        var audio = new RejectionAudio(work.Path);
        var utterance = await audio.UtteranceAsync(new RejectionSample(phrase, InGrammar: false, "en-us", 160));

        var forced = await unguarded.RecognizeAsync(utterance, Grammar());
        var heard = await recognizer.RecognizeAsync(utterance, Grammar());

        // Without rejection the grammar forces the phrase onto one of its own ("hello" became "no" in 12 of 13 calls).
        output.WriteLine($"'{phrase}': forced '{forced.Text}', fit {heard.GrammarFit}");
        Assert.True(forced.HasText, $"the grammar alone heard nothing for '{phrase}'");
        Assert.Null(forced.GrammarFit);
        Assert.False(heard.HasText, $"'{phrase}' was heard as '{heard.Text}' (fit {heard.GrammarFit})");
        Assert.True(heard.OutOfGrammar);
        Assert.True(heard.GrammarFit < InProcessRecognitionOptions.DefaultOutOfGrammarThreshold);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("stop calling me")]
    [InlineData("call me back later")]
    [InlineData("can you call me tomorrow")]
    public async Task Recognize_PhraseOfTheGrammar_StillMatches(string phrase)
    {
        using var recognizer = new InProcessSpeechRecognizer(limits: Rejecting());
        var utterance = await new RejectionAudio(work.Path).UtteranceAsync(new RejectionSample(phrase, InGrammar: true, "en-us", 160));

        var heard = await recognizer.RecognizeAsync(utterance, Grammar());

        Assert.Equal(phrase, heard.Text);
        Assert.False(heard.OutOfGrammar);
        Assert.True(heard.GrammarFit >= InProcessRecognitionOptions.DefaultOutOfGrammarThreshold);
    }

    [Fact]
    public async Task Streaming_SpeechOutsideTheGrammar_IsNoMatchToo()
    {
        using var recognizer = new InProcessSpeechRecognizer(limits: Rejecting());
        using var conversation = recognizer.TryOpenConversation(Grammar())!;
        var utterance = await new RejectionAudio(work.Path).UtteranceAsync(new RejectionSample("the game starts at seven", InGrammar: false, "en-us", 160));

        var heard = await conversation.RecognizeAsync(utterance, Grammar());
        var again = await conversation.RecognizeAsync(await new RejectionAudio(work.Path).UtteranceAsync(new RejectionSample("yes please", InGrammar: true, "en-us", 160)), Grammar());

        Assert.True(heard.OutOfGrammar);
        Assert.False(heard.HasText);
        Assert.Equal("yes please", again.Text);
    }

    [Fact]
    public async Task Recognize_RejectionOff_NothingIsMeasured()
    {
        using var recognizer = new InProcessSpeechRecognizer();
        var utterance = await new RejectionAudio(work.Path).UtteranceAsync(new RejectionSample("three hundred", InGrammar: false, "en-us", 160));

        var heard = await recognizer.RecognizeAsync(utterance, Grammar());

        Assert.Null(heard.GrammarFit);
        Assert.False(heard.OutOfGrammar);
    }

    [Fact]
    public async Task HeldOutSet_RejectsMostOutOfGrammarSpeech_AndKeepsTheRightAnswers()
    {
        // Floors below what benchmarks/SpeechRejection measured on this held-out set at the default threshold
        // (out of grammar rejected 74 % against 33 % without rejection, rejection precision 80 %, in grammar accepted
        // 79 %, right words 68 % with and without rejection); the held-out voices are hard for the recogniser itself.
        using var recognizer = new InProcessSpeechRecognizer(limits: Rejecting(-10));
        var decoded = await new RejectionAudio(work.Path).DecodeAsync(RejectionPhrases.Set(heldOut: true), recognizer, Grammar());

        var tally = RejectionTally.At(decoded, InProcessRecognitionOptions.DefaultOutOfGrammarThreshold);
        var unguarded = RejectionTally.At(decoded, double.NegativeInfinity);
        output.WriteLine(RejectionTally.Header);
        output.WriteLine(tally.Row("held-out", InProcessRecognitionOptions.DefaultOutOfGrammarThreshold));
        output.WriteLine(unguarded.Row("held-out, no rejection", -10));

        Assert.Equal(63, tally.InGrammar);
        Assert.Equal(72, tally.OutOfGrammar);
        Assert.True(tally.RejectionRecall >= 0.65, $"rejection recall {tally.RejectionRecall:P1}");
        Assert.True(tally.RejectionPrecision >= 0.70, $"rejection precision {tally.RejectionPrecision:P1}");
        Assert.True(tally.AcceptanceRecall >= 0.70, $"acceptance recall {tally.AcceptanceRecall:P1}");
        Assert.True(unguarded.InGrammarAccuracy - tally.InGrammarAccuracy <= 0.04, $"right words {tally.InGrammarAccuracy:P1} against {unguarded.InGrammarAccuracy:P1}");
        Assert.True(tally.RejectionRecall - unguarded.RejectionRecall >= 0.30, $"rejection adds only {tally.RejectionRecall - unguarded.RejectionRecall:P1}");
    }

    [Fact]
    public void Options_ThresholdOutOfRange_IsRefusedAtStart()
    {
        var validator = new InProcessRecognitionOptionsValidator();

        Assert.True(validator.Validate(null, new InProcessRecognitionOptions { OutOfGrammarThreshold = 11 }).Failed);
        Assert.True(validator.Validate(null, new InProcessRecognitionOptions { OutOfGrammarThreshold = double.NaN }).Failed);
        Assert.True(validator.Validate(null, new InProcessRecognitionOptions { OutOfGrammarThreshold = -2.5 }).Succeeded);
        Assert.Throws<ArgumentException>(() => new InProcessSpeechRecognizer(limits: new InProcessRecognitionOptions { OutOfGrammarThreshold = -11 }));
        Assert.False(new InProcessRecognitionOptions().RejectOutOfGrammar);
    }
}
