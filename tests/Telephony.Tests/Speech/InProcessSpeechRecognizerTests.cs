using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class InProcessSpeechRecognizerTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task Recognize_EspeakThroughG711_SameAsProcessRecognizer()
    {
        using var inProcess = new InProcessSpeechRecognizer();
        ISpeechRecognizer process = new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.Path });
        var grammar = SpeechSamples.Grammar();

        foreach (var phrase in SpeechSamples.Phrases)
        {
            var muLaw = await SpeechSamples.MuLawAsync(phrase);
            var expected = await process.RecognizeMuLawAsync(muLaw, grammar);
            var actual = await ((ISpeechRecognizer)inProcess).RecognizeMuLawAsync(muLaw, grammar);

            Assert.Equal(phrase, expected.Text);
            // The in-process recogniser also measures how well the grammar fits; the process one cannot.
            Assert.Equal(expected, actual with { GrammarFit = null });
        }
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("talk to a person")]
    [InlineData("stop calling me")]
    public async Task FreshDecoder_FirstUtterance_HeardLikeANewProcessHearsIt(string phrase)
    {
        // A new decoder starts from the model's initial cepstral mean, as each pocketsphinx process does; with
        // noise other than the process's dither, "talk to a person" was lost here.
        var options = new PocketSphinxOptions();
        using var decoder = PocketSphinxDecoder.Create(options.AcousticModelPath, options.DictionaryPath);
        decoder.UseGrammar(SpeechSamples.Grammar());

        decoder.Start();
        decoder.Write(PhoneAudio.DecodeMuLaw(await SpeechSamples.MuLawAsync(phrase)));

        Assert.Equal(phrase, decoder.End());
    }

    [Fact]
    public async Task Recognize_SameDecoderManyTimes_GivesTheSameAnswer()
    {
        using var recognizer = new InProcessSpeechRecognizer(limits: new InProcessRecognitionOptions { DecodeWorkers = 1, MaxIdleDecoders = 1 });
        var grammar = SpeechSamples.Grammar();
        var pcm = PhoneAudio.DecodeMuLaw(await SpeechSamples.MuLawAsync("call me back tomorrow"));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("call me back tomorrow", (await recognizer.RecognizeAsync(pcm, grammar)).Text);
        }

        Assert.Equal(1, recognizer.LiveDecoders);
    }

    [Fact]
    public async Task Recognize_TooShortAudio_IsEmpty()
    {
        using var recognizer = new InProcessSpeechRecognizer();

        var result = await recognizer.RecognizeAsync(new short[100], SpeechSamples.Grammar());

        Assert.False(result.HasText);
    }

    [Fact]
    public void TryOpenStream_AtTheLimit_IsRefusedAndCounted()
    {
        using var recognizer = new InProcessSpeechRecognizer(limits: new InProcessRecognitionOptions { MaxConversations = 2 });
        var grammar = SpeechSamples.Grammar();

        var first = recognizer.TryOpenStream(grammar);
        var second = recognizer.TryOpenConversation(grammar);
        var third = recognizer.TryOpenStream(grammar);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.Equal(2, recognizer.Capacity.ActiveConversations);
        Assert.Equal(0, recognizer.Capacity.AvailableConversations);
        Assert.Equal(1, recognizer.Capacity.RefusedConversations);
        first.Dispose();
        second.Dispose();
        SpinWait.SpinUntil(() => recognizer.Capacity.ActiveConversations == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(2, recognizer.Capacity.AvailableConversations);
        Assert.Equal(2, recognizer.Capacity.PeakConversations);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedAtStart()
    {
        var bad = new InProcessRecognitionOptions { MaxConversations = 0, DecodeWorkers = -1, MaxIdleDecoders = -3 };

        var result = new InProcessRecognitionOptionsValidator().Validate(null, bad);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Throws<ArgumentException>(() => new InProcessSpeechRecognizer(limits: bad));
        Assert.True(new InProcessRecognitionOptionsValidator().Validate(null, new InProcessRecognitionOptions()).Succeeded);
    }

    [Fact]
    public void Factory_MissingModel_FallsBackToTheProcessRecognizer()
    {
        var options = new PocketSphinxOptions { AcousticModelPath = "/nonexistent/model", WorkDirectory = work.Path };

        var recognizer = SpeechRecognizerFactory.Create(options, null, logger: null);

        Assert.IsType<PocketSphinxRecognizer>(recognizer);
        Assert.Equal(int.MaxValue, SpeechRecognizerFactory.CapacityOf(recognizer).MaxConversations);
    }

    [Fact]
    public void Factory_LibraryPresent_ChoosesInProcess()
    {
        var recognizer = SpeechRecognizerFactory.Create(null, null, logger: null);

        var inProcess = Assert.IsType<InProcessSpeechRecognizer>(recognizer);
        Assert.Same(inProcess.Capacity, SpeechRecognizerFactory.CapacityOf(recognizer));
        inProcess.Dispose();
    }
}
