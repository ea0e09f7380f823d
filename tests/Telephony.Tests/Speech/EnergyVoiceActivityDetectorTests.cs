using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

public sealed class EnergyVoiceActivityDetectorTests
{
    private static short[] Noise(int samples, int amplitude, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, samples).Select(_ => (short)random.Next(-amplitude, amplitude + 1)).ToArray();
    }

    private static short[] Tone(int samples, int amplitude) =>
        Enumerable.Range(0, samples).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * 440 * i / 8000.0))).ToArray();

    private static List<VoiceActivity> Feed(EnergyVoiceActivityDetector vad, short[] audio)
    {
        var events = new List<VoiceActivity>();
        for (var i = 0; i + PhoneAudio.FrameSamples <= audio.Length; i += PhoneAudio.FrameSamples)
        {
            var activity = vad.Process(audio.AsSpan(i, PhoneAudio.FrameSamples));
            if (activity.Kind != VoiceActivityKind.None)
            {
                events.Add(activity);
            }
        }

        return events;
    }

    [Fact]
    public void Speech_BetweenSilences_StartsAndEndsOnce()
    {
        var vad = new EnergyVoiceActivityDetector();
        var audio = Noise(8000, 30, 1).Concat(Tone(8000, 8000)).Concat(Noise(8000, 30, 2)).ToArray();

        var events = Feed(vad, audio);

        Assert.Equal([VoiceActivityKind.SpeechStarted, VoiceActivityKind.UtteranceEnded], events.Select(e => e.Kind));
        // 1 s of tone + 200 ms pre-roll + 700 ms trailing silence, within a frame or two.
        Assert.InRange(events[1].Utterance!.Length, 14_500, 15_500);
        Assert.False(vad.IsSpeaking);
    }

    [Fact]
    public void PauseShorterThanEndSilence_KeepsOneUtterance()
    {
        var vad = new EnergyVoiceActivityDetector();
        var audio = Noise(4000, 30, 3).Concat(Tone(4000, 8000)).Concat(Noise(3200, 30, 4)).Concat(Tone(4000, 8000)).Concat(Noise(8000, 30, 5)).ToArray();

        var events = Feed(vad, audio);

        Assert.Single(events, e => e.Kind == VoiceActivityKind.UtteranceEnded);
    }

    [Fact]
    public void Silence_ReportsNoInputOnceAfterTimeout()
    {
        var vad = new EnergyVoiceActivityDetector(new VoiceActivityOptions { NoInputTimeout = TimeSpan.FromSeconds(2) });

        var events = Feed(vad, Noise(8000 * 3, 30, 6));

        var noInput = Assert.Single(events);
        Assert.Equal(VoiceActivityKind.NoInput, noInput.Kind);
        vad.Reset();
        Assert.Single(Feed(vad, Noise(8000 * 3, 30, 7)));
    }

    [Fact]
    public void SteadyLineNoise_IsNotSpeech()
    {
        var vad = new EnergyVoiceActivityDetector(new VoiceActivityOptions { NoInputTimeout = TimeSpan.FromSeconds(10) });

        var events = Feed(vad, Noise(8000 * 3, 2000, 8));

        Assert.Empty(events);
        Assert.InRange(vad.NoiseFloorDbfs, -30, -20);
    }

    [Fact]
    public void Click_ShorterThanStartFrames_IsIgnored()
    {
        var vad = new EnergyVoiceActivityDetector();
        var audio = Noise(4000, 30, 9).Concat(Tone(320, 10000)).Concat(Noise(4000, 30, 10)).ToArray();

        Assert.Empty(Feed(vad, audio));
    }

    [Fact]
    public void LongSpeech_IsCutAtMaxUtterance()
    {
        var vad = new EnergyVoiceActivityDetector(new VoiceActivityOptions { MaxUtterance = TimeSpan.FromSeconds(1) });

        var events = Feed(vad, Noise(1600, 30, 11).Concat(Tone(8000 * 3, 8000)).ToArray());

        var ended = events.First(e => e.Kind == VoiceActivityKind.UtteranceEnded);
        Assert.Equal(8000, ended.Utterance!.Length);
    }

    [Fact]
    public void MuLawFrames_AreDecoded()
    {
        var vad = new EnergyVoiceActivityDetector();
        var encoded = PhoneAudio.EncodeMuLaw(Noise(1600, 30, 12).Concat(Tone(1600, 8000)).ToArray());
        var kinds = new List<VoiceActivityKind>();
        for (var i = 0; i < encoded.Length; i += PhoneAudio.FrameSamples)
        {
            kinds.Add(vad.ProcessMuLaw(encoded.AsSpan(i, PhoneAudio.FrameSamples)).Kind);
        }

        Assert.Contains(VoiceActivityKind.SpeechStarted, kinds);
    }

    [Fact]
    public void WrongFrameSize_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new EnergyVoiceActivityDetector().Process(new short[100]));
    }
}
