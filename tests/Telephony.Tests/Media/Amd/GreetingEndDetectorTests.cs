using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Amd;

public sealed class GreetingEndDetectorTests
{
    /// <summary>Frame-level rounding of where an event lands.</summary>
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void GreetingThenBeep_EndsWhenTheBeepStops()
    {
        var result = GreetingEndDetector.Analyze(MachineGreetings.WithBeep(beepSeconds: 0.5));

        Assert.NotNull(result);
        Assert.Equal(GreetingEndKind.Beep, result.Kind);
        Assert.InRange(result.BeepFrequencyHz!.Value, 975, 1025);
        Assert.InRange(result.BeepDuration!.Value.TotalMilliseconds, 440, 520);
        // Decided once the tone has been gone for the hold: the message is recorded from there, nothing of it under the tone.
        var beepEnd = MachineGreetings.GreetingEnd() + TimeSpan.FromSeconds(0.5) + new GreetingEndOptions().BeepEndHold;
        // (the frame holding the tone's last samples may already count towards the hold)
        Assert.InRange(result.Elapsed, beepEnd - Frame, beepEnd + Frame * 2);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    public void BeepWithADropoutInside_IsOneBeepEndingWhenTheToneStops(int dropoutMs)
    {
        // A frame or three lost on the way (the media gap rule turns them into silence) in the middle of the beep.
        var clip = MachineGreetings.WithoutBeep(MachineGreetings.Short, silenceAfter: 0.3)
            .Append(AudioClip.Tone(1000, TimeSpan.FromMilliseconds(260)))
            .Append(AudioClip.Silence(TimeSpan.FromMilliseconds(dropoutMs)))
            .Append(AudioClip.Tone(1000, TimeSpan.FromMilliseconds(240)))
            .Append(AudioClip.Silence(TimeSpan.FromSeconds(1)));
        var toneEnd = MachineGreetings.GreetingEnd(MachineGreetings.Short) + TimeSpan.FromMilliseconds(300 + 260 + dropoutMs + 240);

        var result = GreetingEndDetector.Analyze(clip);

        Assert.Equal(GreetingEndKind.Beep, result!.Kind);
        Assert.InRange(result.BeepDuration!.Value.TotalMilliseconds, 480 + dropoutMs, 520 + dropoutMs);
        var hold = new GreetingEndOptions().BeepEndHold;
        Assert.InRange(result.Elapsed, toneEnd + hold - Frame, toneEnd + hold + Frame * 2);
    }

    [Fact]
    public void GreetingWithoutBeep_EndsAfterTheSilence_NoWordOfItTakenForABeep()
    {
        var result = GreetingEndDetector.Analyze(MachineGreetings.WithoutBeep(silenceAfter: 3));

        Assert.NotNull(result);
        Assert.Equal(GreetingEndKind.Silence, result.Kind);
        Assert.Null(result.BeepFrequencyHz);
        var expected = MachineGreetings.GreetingEnd() + new GreetingEndOptions().SilenceAfterGreeting;
        // espeak-ng's file ends with a fraction of a second of its own near-silence, which counts towards the wait.
        Assert.InRange(result.Elapsed, expected - TimeSpan.FromMilliseconds(600), expected + Frame * 2);
    }

    [Fact]
    public void ToneShorterThanABeep_IsNotABeep()
    {
        var clip = MachineGreetings.WithoutBeep(MachineGreetings.Short, silenceAfter: 0.3)
            .Append(AudioClip.Tone(1000, TimeSpan.FromMilliseconds(100)))
            .Append(AudioClip.Silence(TimeSpan.FromSeconds(2.5)));

        var result = GreetingEndDetector.Analyze(clip);

        Assert.Equal(GreetingEndKind.Silence, result!.Kind);
    }

    [Fact]
    public void SpeechWithNoPauseOrBeep_TimesOutAtTheMaximumWait()
    {
        var options = new GreetingEndOptions { MaximumWait = TimeSpan.FromSeconds(3), SilenceAfterGreeting = TimeSpan.FromSeconds(2) };
        var clip = SpeechAudio.Render(MachineGreetings.Long);

        var result = GreetingEndDetector.Analyze(clip, options);

        Assert.Equal(GreetingEndKind.TimedOut, result!.Kind);
        Assert.Equal(options.MaximumWait, result.Elapsed);
    }

    [Fact]
    public void BeepStillSoundingAtTheMaximumWait_CountsAsTheBeep()
    {
        var detector = new GreetingEndDetector(new GreetingEndOptions { MaximumWait = TimeSpan.FromSeconds(1) });
        var tone = AudioClip.Tone(1400, TimeSpan.FromMilliseconds(600)).Samples.ToArray();
        for (var i = 0; i < tone.Length; i += 160) detector.ProcessFrame(tone.AsSpan(i, 160));

        var result = detector.Expire();

        Assert.Equal(GreetingEndKind.Beep, result.Kind);
        Assert.InRange(result.BeepFrequencyHz!.Value, 1375, 1425);
    }

    [Theory]
    [InlineData(1000, 0.95)]
    [InlineData(1010, 0.75)]
    [InlineData(440, 0.75)]
    [InlineData(2400, 0.75)]
    public void DominantTone_OfASine_HoldsMostOfTheEnergy(double hz, double minimumPurity)
    {
        var samples = AudioClip.Tone(hz, TimeSpan.FromMilliseconds(20)).Samples.Span;

        var (found, purity) = ToneAnalysis.DominantTone(samples);

        Assert.InRange(found, hz - ToneAnalysis.StepHz, hz + ToneAnalysis.StepHz);
        Assert.InRange(purity, minimumPurity, 1);
    }

    [Fact]
    public void DominantTone_OfSpeech_StaysBelowThePurityOfATone()
    {
        var speech = SpeechAudio.Render(MachineGreetings.Short).Samples.ToArray();
        var options = new GreetingEndOptions();
        var voiced = 0;
        var tonal = 0;
        for (var i = 0; i + 160 <= speech.Length; i += 160)
        {
            var frame = speech.AsSpan(i, 160);
            if (VoiceActivity.MeanAbsoluteLevel(frame) < options.SilenceThreshold) continue;
            voiced++;
            if (ToneAnalysis.DominantTone(frame).Purity >= options.TonePurity) tonal++;
        }
        Assert.True(voiced > 100, $"only {voiced} voiced frames");
        // A stray tonal frame in a vowel is possible; a beep needs ten in a row.
        Assert.True(tonal < voiced / 10, $"{tonal} of {voiced} speech frames look like a tone");
    }

    [Fact]
    public void InvalidOptions_AreRefusedWithTheirNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GreetingEndDetector(new GreetingEndOptions { MaximumWait = TimeSpan.Zero, TonePurity = 2 }));
        Assert.Contains("MaximumWait", ex.Message);
        Assert.Contains("TonePurity", ex.Message);
    }
}
