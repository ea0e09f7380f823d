using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Tests.Broadcast.Conversation;

/// <summary>
/// Speech outside the script's grammar through the real in-process recogniser with rejection on: it must be a
/// no-match that plays the script's noMatchPrompt and retries by its RetryPolicy, never an intent.
/// </summary>
public sealed class OutOfGrammarConversationTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("cc-oog-");
    private readonly Random random = new(7);
    private readonly InProcessSpeechRecognizer recognizer = new(
        limits: new InProcessRecognitionOptions { RejectOutOfGrammar = true, DecodeWorkers = 1, MaxIdleDecoders = 1 });

    public void Dispose()
    {
        recognizer.Dispose();
        work.Delete(recursive: true);
    }

    [Fact]
    public async Task OutOfGrammarSpeech_PlaysNoMatchPrompt_ThenRetriesUntilTheRetryPolicyEndsTheCall()
    {
        // The renewal script: noMatchPrompt "Sorry, I did not understand.", maxNoMatch 1, no fallback.
        var voice = await StartAsync();

        voice.PromptFinished();
        var first = Assert.Single(await FeedAsync(voice, Hiss(0.3), await SpeechAsync("the game starts at seven"), Hiss(1.0)));
        voice.PromptFinished();
        var second = Assert.Single(await FeedAsync(voice, Hiss(0.3), await SpeechAsync("three hundred"), Hiss(1.0)));

        Assert.False(first.IsComplete);
        Assert.Equal("offer", first.WaitingAt);
        Assert.StartsWith("Sorry, I did not understand.", first.Spoken, StringComparison.Ordinal);
        Assert.Contains("Would you like to speak with an agent", first.Spoken, StringComparison.Ordinal);
        Assert.True(second.IsComplete);
        Assert.True(second.Has(DirectiveKind.HangUp));
        var result = voice.Session.GetResult();
        Assert.Equal("NR", result.Disposition);
        Assert.Empty(result.Intents);
        Assert.Equal(2, result.Transcript.Count(t => t.Speaker == Speaker.System && t.Text == "unrecognised speech"));
    }

    [Fact]
    public async Task InGrammarSpeech_StillReachesItsIntent()
    {
        var voice = await StartAsync();
        voice.PromptFinished();

        var turn = Assert.Single(await FeedAsync(voice, Hiss(0.3), await SpeechAsync("stop calling me"), Hiss(1.0)));

        Assert.True(turn.Has(DirectiveKind.AddToDoNotCall));
        Assert.Equal("DNC", voice.Session.GetResult().Disposition);
    }

    private async Task<VoiceConversation> StartAsync()
    {
        var script = SampleScripts.Renewal();
        var session = new ConversationSession(script, SharedEmbedder.Classifier, new LexiconSentimentAnalyzer(), TimeProvider.System);
        var voice = new VoiceConversation(session, recognizer, ScriptGrammar.Build(script, PronunciationDictionary.Load()));
        await session.StartAsync();
        return voice;
    }

    private byte[] Hiss(double seconds) =>
        PhoneAudio.EncodeMuLaw(Enumerable.Range(0, (int)(seconds * 8000)).Select(_ => (short)random.Next(-40, 41)).ToArray());

    private async Task<byte[]> SpeechAsync(string text) =>
        (await new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = work.FullName }).SynthesizeAsync(text)).MuLaw;

    private static async Task<List<AgentTurn>> FeedAsync(VoiceConversation voice, params byte[][] parts)
    {
        var line = parts.SelectMany(p => p).ToArray();
        var turns = new List<AgentTurn>();
        for (var i = 0; i + PhoneAudio.FrameSamples <= line.Length; i += PhoneAudio.FrameSamples)
        {
            if (await voice.OnAudioFrameAsync(line.AsMemory(i, PhoneAudio.FrameSamples)) is { } turn)
            {
                turns.Add(turn);
            }
        }

        return turns;
    }
}
