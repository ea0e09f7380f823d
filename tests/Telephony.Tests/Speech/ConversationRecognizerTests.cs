using System.Diagnostics;
using ContactCenter.Telephony.Speech;
using Xunit.Abstractions;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class ConversationRecognizerTests(ITestOutputHelper output) : IDisposable
{
    private readonly InProcessSpeechRecognizer recognizer = new();

    public void Dispose() => recognizer.Dispose();

    [Theory]
    [InlineData("stop calling me")]
    [InlineData("call me back tomorrow")]
    [InlineData("no")]
    public async Task FramesAsTheyArrive_ResultReadyWhenTheUtteranceEnds(string phrase)
    {
        var frames = await SpeechSamples.FramesAsync(phrase, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(1));
        using var conversation = recognizer.TryOpenConversation(SpeechSamples.Grammar())!;
        // The conversation's own detector, as VoiceConversation runs it.
        var detector = new EnergyVoiceActivityDetector();
        short[]? utterance = null;
        var tick = Stopwatch.StartNew();
        for (var i = 0; i < frames.Count && utterance is null; i++)
        {
            // RTP pace, so the decoder works while the caller speaks rather than on a backlog at the end.
            while (tick.Elapsed < TimeSpan.FromMilliseconds(20 * i))
            {
                await Task.Delay(1);
            }

            conversation.OnFrame(frames[i]);
            utterance = detector.ProcessMuLaw(frames[i]).Utterance;
        }

        Assert.NotNull(utterance);
        var ended = Stopwatch.StartNew();
        var result = await conversation.RecognizeAsync(utterance, SpeechSamples.Grammar());
        ended.Stop();

        output.WriteLine($"'{phrase}': result {ended.Elapsed.TotalMilliseconds:0.0} ms after the end of the utterance");
        Assert.Equal(phrase, result.Text);
        Assert.Equal(1, conversation.StreamedUtterances);
        Assert.Equal(0, conversation.WholeUtterances);
        Assert.True(ended.Elapsed < TimeSpan.FromMilliseconds(100), $"took {ended.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task UtteranceTheTwinDidNotSee_IsDecodedWhole()
    {
        using var conversation = recognizer.TryOpenConversation(SpeechSamples.Grammar())!;
        foreach (var frame in await SpeechSamples.FramesAsync("yes", TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1)))
        {
            conversation.OnFrame(frame);
        }

        // The conversation asks about other audio than the twin streamed (its detector was reset, say).
        var other = PhoneAudio.DecodeMuLaw(await SpeechSamples.MuLawAsync("call me back tomorrow"));
        var result = await conversation.RecognizeAsync(other, SpeechSamples.Grammar());

        output.WriteLine($"heard '{result.Text}'");
        Assert.Equal("call me back tomorrow", result.Text);
        Assert.Equal(0, conversation.StreamedUtterances);
        Assert.Equal(1, conversation.WholeUtterances);
    }

    [Fact]
    public async Task SeveralAnswersInOneConversation_EachStreamed()
    {
        using var conversation = recognizer.TryOpenConversation(SpeechSamples.Grammar())!;
        var detector = new EnergyVoiceActivityDetector();
        var heard = new List<string>();
        foreach (var phrase in new[] { "yes", "call me back tomorrow", "no" })
        {
            foreach (var frame in await SpeechSamples.FramesAsync(phrase, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)))
            {
                conversation.OnFrame(frame);
                if (detector.ProcessMuLaw(frame).Utterance is { } utterance)
                {
                    heard.Add((await conversation.RecognizeAsync(utterance, SpeechSamples.Grammar())).Text);
                    detector.Reset();
                }
            }
        }

        Assert.Equal(["yes", "call me back tomorrow", "no"], heard);
        Assert.Equal(3, conversation.StreamedUtterances);
    }

    [Fact]
    public async Task AfterOtherAnswers_TheSameAudioIsHeardTheSame()
    {
        // Regression: with the cepstral mean carried over from earlier utterances, the second "stop calling me"
        // here was heard as "talk to a person".
        using var conversation = recognizer.TryOpenConversation(SpeechSamples.Grammar())!;
        await conversation.RecognizeAsync(PhoneAudio.DecodeMuLaw(await SpeechSamples.MuLawAsync("yes")), SpeechSamples.Grammar());
        var detector = new EnergyVoiceActivityDetector();
        var pauses = new Random(2);
        var said = new List<string>();
        var heard = new List<string>();
        for (var turn = 2; turn < 12; turn++)
        {
            var phrase = SpeechSamples.Phrases[turn % SpeechSamples.Phrases.Length];
            said.Add(phrase);
            foreach (var frame in await SpeechSamples.FramesAsync(phrase, TimeSpan.FromMilliseconds(20 * pauses.Next(15, 40)), TimeSpan.FromSeconds(1.5)))
            {
                conversation.OnFrame(frame);
                if (detector.ProcessMuLaw(frame).Utterance is { } utterance)
                {
                    heard.Add((await conversation.RecognizeAsync(utterance, SpeechSamples.Grammar())).Text);
                    detector.Reset();
                    break;
                }
            }
        }

        Assert.Equal(said, heard);
        Assert.Equal(10, conversation.StreamedUtterances);
    }
}
