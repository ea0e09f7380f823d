using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

public sealed class VoiceLineTests : IDisposable
{
    private const string ScriptYaml = """
        version: 1
        name: line test
        greeting: Hello.
        start: ask
        intents:
          - {name: yes, examples: [yes, yes please], dtmf: "1"}
          - {name: no, examples: [no, no thank you], dtmf: "2"}
        retries: {maxNoInput: 1, maxNoMatch: 1}
        dispositions: {interested: Sale, not-interested: Not Interested, hangup: No Answer, no-response: No Answer, voicemail: Voicemail, completed: Sale}
        nodes:
          - {id: ask, kind: ask, prompt: Are you interested?, branches: {yes: sale, no: goodbye}}
          - {id: sale, kind: end, outcome: interested, closing: Great. Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Goodbye.}
        """;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("cc-voiceline-");

    public void Dispose() => work.Delete(recursive: true);

    private (VoiceLine Line, ConversationSession Session) Create(LineMediaSession media, TaskCompletionSource ended)
    {
        var script = AgentScriptParser.Parse(ScriptYaml);
        var session = new ConversationSession(script, SharedEmbedder.Classifier, new LexiconSentimentAnalyzer(), TimeProvider.System);
        var voice = new VoiceConversation(session, new PocketSphinxRecognizer(new PocketSphinxOptions { WorkDirectory = work.FullName }),
            ScriptGrammar.Build(script, PronunciationDictionary.Load()), new VoiceActivityOptions { NoInputTimeout = TimeSpan.FromMilliseconds(300) });
        var line = new VoiceLine(new CallMedia(media, ended.Task), voice, new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = work.FullName }),
            TimeProvider.System, TimeSpan.FromMilliseconds(100));
        return (line, session);
    }

    [Fact]
    public async Task CallerSendsNoAudio_GapCountsAsSilence_RepromptThenNoResponse()
    {
        var media = new LineMediaSession();
        var (line, session) = Create(media, new TaskCompletionSource());
        using var _ = line;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await line.RunAsync(limit.Token);

        Assert.Equal(ConversationOutcomes.NoResponse, session.GetResult().Outcome);
        // Greeting with the question, the reprompt, and the closing: each prompt was played.
        Assert.True(media.Played.Count >= 3, $"{media.Played.Count} prompts played");
    }

    [Fact]
    public async Task CallerPressesTwo_DuringTheQuestion_NotInterested()
    {
        var media = new LineMediaSession();
        var (line, session) = Create(media, new TaskCompletionSource());
        using var _ = line;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var run = line.RunAsync(limit.Token);
        media.PressKey('2');
        await run;

        Assert.Equal("not-interested", session.GetResult().Outcome);
    }

    [Fact]
    public async Task CallEnds_WhileTheAgentWaits_HangUpOutcome()
    {
        var media = new LineMediaSession();
        var ended = new TaskCompletionSource();
        var (line, session) = Create(media, ended);
        using var _ = line;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var run = line.RunAsync(limit.Token);
        ended.SetResult();
        await run;

        Assert.Equal(ConversationOutcomes.CallerHungUp, session.GetResult().Outcome);
    }
}
