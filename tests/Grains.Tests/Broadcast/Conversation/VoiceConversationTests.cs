using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Tests.Broadcast.Conversation;

public sealed class VoiceConversationTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("cc-voice-");
    private readonly Random random = new(42);

    public void Dispose() => work.Delete(recursive: true);

    private async Task<VoiceConversation> StartAsync()
    {
        var script = SampleScripts.Renewal();
        var session = new ConversationSession(script, SharedEmbedder.Classifier, new LexiconSentimentAnalyzer(), TimeProvider.System);
        var voice = new VoiceConversation(
            session,
            new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.FullName }),
            ScriptGrammar.Build(script, PronunciationDictionary.Load()));
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

    [Fact]
    public async Task SpokenAnswer_IsRecognisedAndDrivesTheScript()
    {
        var voice = await StartAsync();
        voice.PromptFinished();

        var turns = await FeedAsync(voice, Hiss(0.3), await SpeechAsync("stop calling me"), Hiss(1.0));

        var turn = Assert.Single(turns);
        Assert.True(turn.Has(DirectiveKind.AddToDoNotCall));
        Assert.Equal("DNC", voice.Session.GetResult().Disposition);
        Assert.Contains(voice.Session.GetResult().Transcript, t => t.Speaker == Speaker.Caller && t.Text == "stop calling me");
    }

    [Fact]
    public async Task SpeechDuringPrompt_IsBargeInThenAnswer()
    {
        var voice = await StartAsync();

        var turns = await FeedAsync(voice, Hiss(0.3), await SpeechAsync("yes please"), Hiss(1.0));

        Assert.Equal(2, turns.Count);
        Assert.Equal(DirectiveKind.StopPlayback, Assert.Single(turns[0].Directives).Kind);
        Assert.Equal("count", turns[1].WaitingAt);
    }

    [Fact]
    public async Task Silence_AfterPrompt_IsNoInput_ButNotWhilePromptPlays()
    {
        var voice = await StartAsync();

        var duringPrompt = await FeedAsync(voice, Hiss(6));
        voice.PromptFinished();
        var afterPrompt = await FeedAsync(voice, Hiss(5.2));

        Assert.Empty(duringPrompt);
        var turn = Assert.Single(afterPrompt);
        Assert.StartsWith("Sorry, I did not hear anything.", turn.Spoken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dtmf_IsPassedToTheSession()
    {
        var voice = await StartAsync();

        var turn = await voice.OnDtmfAsync("2");

        Assert.True(turn.IsComplete);
        Assert.Equal("NI", voice.Session.GetResult().Disposition);
        Assert.Null(await voice.OnAudioFrameAsync(Hiss(0.02)));
    }
}
