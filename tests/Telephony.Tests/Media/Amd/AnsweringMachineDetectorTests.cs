using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Amd;

public sealed class AnsweringMachineDetectorTests
{
    internal const string VoicemailGreeting = MachineGreetings.Long;

    private static AudioClip Silence(double seconds) => AudioClip.Silence(TimeSpan.FromSeconds(seconds));

    internal static AudioClip HumanAnswer() => Silence(0.3).Append(SpeechAudio.Render("Hello?")).Append(Silence(2));

    internal static AudioClip VoicemailAnswer() => MachineGreetings.WithBeep();

    [Fact]
    public void Hello_ThenSilence_IsHuman()
    {
        var result = AnsweringMachineDetector.Analyze(HumanAnswer());
        Assert.Equal(AmdStatus.Human, result.Status);
        Assert.Equal(AmdCause.AfterGreetingSilence, result.Cause);
        Assert.Equal(1, result.Words);
        Assert.InRange(result.AnalysisTime.TotalSeconds, 1.0, 2.5);
    }

    [Fact]
    public void VoicemailGreeting_IsMachine_ByWordCount()
    {
        var result = AnsweringMachineDetector.Analyze(VoicemailAnswer());
        Assert.Equal(AmdStatus.Machine, result.Status);
        Assert.Equal(AmdCause.MaxWords, result.Cause);
        Assert.Equal(3, result.Words);
        Assert.True(result.AnalysisTime < TimeSpan.FromSeconds(3), $"decided after {result.AnalysisTime}");
    }

    [Fact]
    public void VoicemailGreeting_WithManyWordsAllowed_IsMachine_ByGreetingLength()
    {
        var result = AnsweringMachineDetector.Analyze(VoicemailAnswer(), new AmdOptions { MaximumNumberOfWords = 50 });
        Assert.Equal(AmdStatus.Machine, result.Status);
        Assert.Equal(AmdCause.LongGreeting, result.Cause);
        Assert.True(result.VoiceDuration >= TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void ShortSentence_DependsOnTheWordLimit()
    {
        var clip = Silence(0.2).Append(SpeechAudio.Render("Hello, this is John.")).Append(Silence(2));
        var result = AnsweringMachineDetector.Analyze(clip);
        Assert.Equal(AmdStatus.Human, result.Status);
        Assert.Equal(2, result.Words);
        var strict = AnsweringMachineDetector.Analyze(clip, new AmdOptions { MaximumNumberOfWords = 1 });
        Assert.Equal(AmdCause.MaxWords, strict.Cause);
    }

    [Fact]
    public void ShortSentence_WithAsterisks50msBetweenWords_SplitsAtAStopConsonant_AndIsMachine()
    {
        // Why the default is 100 ms: at 50 ms the silent closure that starts the "J" of "John" ends a word.
        var clip = Silence(0.2).Append(SpeechAudio.Render("Hello, this is John.")).Append(Silence(2));
        var asterisk = AnsweringMachineDetector.Analyze(clip, new AmdOptions { BetweenWordsSilence = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(AmdStatus.Machine, asterisk.Status);
        Assert.Equal(AmdCause.MaxWords, asterisk.Cause);
    }

    [Fact]
    public void NothingSaid_IsMachine_ByInitialSilence()
    {
        var result = AnsweringMachineDetector.Analyze(Silence(6));
        Assert.Equal(AmdStatus.Machine, result.Status);
        Assert.Equal(AmdCause.InitialSilence, result.Cause);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), result.AnalysisTime);
    }

    [Fact]
    public void QuietNoise_BelowTheThreshold_CountsAsSilence()
    {
        var random = new Random(5);
        var noise = new AudioClip(Enumerable.Range(0, 8000 * 4).Select(_ => (short)random.Next(-300, 300)).ToArray());
        Assert.Equal(AmdCause.InitialSilence, AnsweringMachineDetector.Analyze(noise).Cause);
        // The same noise is voice to a detector with a lower threshold: one endless "word".
        var sensitive = AnsweringMachineDetector.Analyze(noise, new AmdOptions { SilenceThreshold = 100, Greeting = TimeSpan.FromSeconds(10), MaximumWordLength = TimeSpan.FromSeconds(2) });
        Assert.Equal(AmdCause.MaxWordLength, sensitive.Cause);
        Assert.Equal(TimeSpan.FromSeconds(2), sensitive.AnalysisTime);
    }

    [Fact]
    public void ShortClicks_AreNotWords()
    {
        // 40 ms clicks every half second: shorter than the 100 ms minimum word.
        var clip = Silence(0);
        for (int i = 0; i < 6; i++) clip = clip.Append(AudioClip.Tone(800, TimeSpan.FromMilliseconds(40))).Append(Silence(0.46));
        var result = AnsweringMachineDetector.Analyze(clip);
        Assert.Equal(0, result.Words);
        Assert.Equal(AmdCause.InitialSilence, result.Cause);
    }

    [Fact]
    public void NoDecision_InTheAnalysisTime_IsNotSure()
    {
        // Words with pauses shorter than the after-greeting silence keep it undecided.
        var clip = Silence(0);
        for (int i = 0; i < 8; i++) clip = clip.Append(AudioClip.Tone(300, TimeSpan.FromMilliseconds(200))).Append(Silence(0.5));
        var result = AnsweringMachineDetector.Analyze(clip, new AmdOptions { MaximumNumberOfWords = 20, Greeting = TimeSpan.FromSeconds(5), TotalAnalysisTime = TimeSpan.FromSeconds(3) });
        Assert.Equal(AmdStatus.NotSure, result.Status);
        Assert.Equal(AmdCause.TooLong, result.Cause);
        Assert.Equal(TimeSpan.FromSeconds(3), result.AnalysisTime);
    }

    [Fact]
    public void AudioEndingEarly_IsNotSure()
    {
        var result = AnsweringMachineDetector.Analyze(SpeechAudio.Render("Hello?"));
        Assert.Equal(AmdStatus.NotSure, result.Status);
        Assert.Equal(AmdCause.AudioEnded, result.Cause);
    }

    [Fact]
    public void G711Frames_GiveTheSameDecisionAsLinear()
    {
        foreach (var clip in new[] { HumanAnswer(), VoicemailAnswer() })
        {
            var detector = new AnsweringMachineDetector();
            var codes = clip.ToG711(G711Law.ALaw);
            for (int offset = 0; offset + 160 <= codes.Length && detector.Result is null; offset += 160) detector.ProcessG711(G711Law.ALaw, codes.AsSpan(offset, 160));
            Assert.Equal(AnsweringMachineDetector.Analyze(clip), detector.Finish());
        }
    }

    [Fact]
    public void Decision_IsFinal()
    {
        var detector = new AnsweringMachineDetector(new AmdOptions { InitialSilence = TimeSpan.FromMilliseconds(40) });
        var silence = new short[160];
        Assert.Null(detector.ProcessFrame(silence));
        var first = detector.ProcessFrame(silence)!;
        Assert.Same(first, detector.ProcessFrame(AudioClip.Tone(500, TimeSpan.FromMilliseconds(20)).Samples.Span));
        Assert.Same(first, detector.Finish());
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new AnsweringMachineDetector(new AmdOptions { Greeting = TimeSpan.Zero, MaximumNumberOfWords = 0, SilenceThreshold = 40000 }));
        Assert.Contains("Greeting", error.Message);
        Assert.Contains("MaximumNumberOfWords", error.Message);
        Assert.Contains("SilenceThreshold", error.Message);
    }

    [Fact]
    public void SpeechAudio_RendersCached8kHzMuLawWavs()
    {
        var path = SpeechAudio.RenderWav("Cache me if you can.");
        Assert.Equal(path, SpeechAudio.RenderWav("Cache me if you can."));
        WavFile.ReadFile(path, out var format);
        Assert.Equal(WavFormat.MuLaw, format);
        Assert.Equal("8000", SoxTool.Run("soxi", "-r", path).Trim());
        Assert.NotEqual(path, SpeechAudio.RenderWav("Cache me if you can.", wordsPerMinute: 200));
    }
}
