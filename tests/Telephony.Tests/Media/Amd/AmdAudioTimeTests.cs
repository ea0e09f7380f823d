using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Amd;

/// <summary>The detector judges audio time: RTP timestamps, comfort noise and the arrival clock stand in for silence not sent.</summary>
public sealed class AmdAudioTimeTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>"Hello?" as 20 ms frames with contiguous RTP timestamps from <paramref name="timestamp"/>.</summary>
    private static List<AudioFrame> Frames(AudioClip clip, uint timestamp, ushort sequence = 100)
    {
        var frames = new List<AudioFrame>();
        var samples = clip.Samples.Span;
        for (var offset = 0; offset < samples.Length; offset += 160)
        {
            var frame = new short[160];
            samples.Slice(offset, Math.Min(160, samples.Length - offset)).CopyTo(frame);
            frames.Add(new AudioFrame(frame, timestamp + (uint)offset, sequence++, Concealed: false));
        }
        return frames;
    }

    private static AudioClip Hello() => SpeechAudio.Render("Hello?");

    private static AmdResult? Feed(AnsweringMachineDetector detector, IEnumerable<AudioFrame> frames)
    {
        AmdResult? result = null;
        foreach (var frame in frames) result = detector.ProcessFrame(frame);
        return result;
    }

    [Fact]
    public void TimestampJump_AfterHello_IsSilence_SoAPersonIsHuman()
    {
        var detector = new AnsweringMachineDetector();
        var hello = Frames(Hello(), timestamp: 1000);
        Feed(detector, hello);
        Assert.Null(detector.Result);

        // The next packet comes a second later by its timestamp; nothing was sent in between (RFC 3551 §4.1).
        var afterPause = Frames(AudioClip.Silence(Frame), timestamp: 1000 + (uint)(hello.Count * 160) + 8000);
        var result = detector.ProcessFrame(afterPause[0]);

        Assert.NotNull(result);
        Assert.Equal(AmdStatus.Human, result.Status);
        Assert.Equal(AmdCause.AfterGreetingSilence, result.Cause);
        Assert.Equal(TimeSpan.FromMilliseconds(800), result.SilenceDuration);
    }

    [Fact]
    public void ContiguousTimestamps_DecideAsSamplesDo()
    {
        var clip = AnsweringMachineDetectorTests.HumanAnswer();
        var byFrame = new AnsweringMachineDetector();
        Feed(byFrame, Frames(clip, timestamp: 77));
        Assert.Equal(AnsweringMachineDetector.Analyze(clip), byFrame.Finish());
    }

    [Fact]
    public void TimestampsWrappingAround_AreStillAPause()
    {
        var detector = new AnsweringMachineDetector();
        var hello = Frames(Hello(), timestamp: uint.MaxValue - 2000);
        Feed(detector, hello);
        var end = uint.MaxValue - 2000 + (uint)(hello.Count * 160); // wraps past zero
        var result = detector.ProcessFrame(Frames(AudioClip.Silence(Frame), end + 8000)[0]);
        Assert.Equal(AmdCause.AfterGreetingSilence, result?.Cause);
    }

    [Fact]
    public void ComfortNoise_AfterHello_ThenTheNextTalkspurtsTimestamp_IsSilence()
    {
        var detector = new AnsweringMachineDetector();
        var hello = Frames(Hello(), timestamp: 5000);
        Feed(detector, hello);
        var silenceStart = 5000 + (uint)(hello.Count * 160);

        // RFC 3389: one CN packet where the silence starts; it adds no time of its own.
        Assert.Null(detector.ProcessComfortNoise(silenceStart));
        var before = detector.AnalysedTime;
        Assert.Null(detector.ProcessComfortNoise(silenceStart + 1600));
        Assert.Equal(before + TimeSpan.FromMilliseconds(200), detector.AnalysedTime);

        var result = detector.ProcessComfortNoise(silenceStart + 8000);
        Assert.Equal(AmdStatus.Human, result?.Status);
    }

    [Fact]
    public void ConcealedFrames_ForTimeAlreadyCountedAsSilence_AreSkipped_RealFramesAreHeard()
    {
        var detector = new AnsweringMachineDetector();
        var start = Frames(AudioClip.Silence(TimeSpan.FromMilliseconds(100)), timestamp: 0);
        Feed(detector, start);
        detector.ProcessSilence(TimeSpan.FromMilliseconds(200)); // by the arrival clock: nothing came
        var counted = detector.AnalysedTime;

        // The jitter buffer conceals a lost packet from within that time, then a delayed real one arrives.
        detector.ProcessFrame(new AudioFrame(new short[160], 800 + 160, 9, Concealed: true));
        Assert.Equal(counted, detector.AnalysedTime);
        detector.ProcessFrame(new AudioFrame(AudioClip.Tone(500, Frame).Samples.ToArray(), 800 + 320, 10, Concealed: false));
        Assert.Equal(counted + Frame, detector.AnalysedTime);
    }

    [Fact]
    public void AStreamRestartingFarAway_IsNotAPause()
    {
        var detector = new AnsweringMachineDetector();
        Feed(detector, Frames(Hello(), timestamp: 1000));
        var before = detector.AnalysedTime;
        // A new stream (another SSRC after a transfer, a sender reset) has an unrelated timestamp.
        detector.ProcessFrame(Frames(AudioClip.Silence(Frame), timestamp: 2_000_000_000)[0]);
        Assert.Equal(before + Frame, detector.AnalysedTime);
        Assert.Null(detector.Result);
    }

    [Fact]
    public void ProcessSilence_DecidesOnTheSameStepAsSilentFrames()
    {
        var bySilence = new AnsweringMachineDetector();
        var result = bySilence.ProcessSilence(TimeSpan.FromSeconds(10));
        Assert.Equal(AnsweringMachineDetector.Analyze(AudioClip.Silence(TimeSpan.FromSeconds(10))), result);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), result?.AnalysisTime);
    }

    /// <summary>A clock that has heard "Hello?" in real time, one frame every 20 ms; returns when the last frame came.</summary>
    private static TimeSpan HearHello(ReceivedAudioClock clock, out int frames)
    {
        var hello = Frames(Hello(), timestamp: 0);
        var now = TimeSpan.Zero;
        foreach (var frame in hello)
        {
            now += Frame;
            clock.OnFrame(frame, now);
            clock.OnTick(now);
        }
        frames = hello.Count;
        return now;
    }

    private static AmdResult? TickUntil(ReceivedAudioClock clock, TimeSpan from, TimeSpan until)
    {
        AmdResult? result = null;
        for (var now = from + Frame; now <= until && result is null; now += Frame) result = clock.OnTick(now);
        return result;
    }

    [Fact]
    public void ArrivalClock_DecidesHuman_WhenNothingComes_AfterTheGreetingSilenceAndTheMediaGap()
    {
        var clock = new ReceivedAudioClock();
        var last = HearHello(clock, out _);
        var heard = clock.Detector.AnalysedTime;

        // Until then nothing is counted: the pause is only tried out.
        Assert.Null(TickUntil(clock, last, last + TimeSpan.FromMilliseconds(400)));
        Assert.Equal(heard, clock.Detector.AnalysedTime);

        var result = TickUntil(clock, last + TimeSpan.FromMilliseconds(400), last + TimeSpan.FromSeconds(2));
        Assert.Equal(AmdStatus.Human, result?.Status);
        Assert.Equal(AmdCause.AfterGreetingSilence, result?.Cause);
        Assert.Same(result, clock.Detector.Result);
        // The hello's own quiet tail is part of the 800 ms.
        Assert.InRange(result!.AnalysisTime, heard + Frame, heard + TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public void ArrivalClock_ThenTheNextPacketsTimestamp_SaysHowLongThePauseWas()
    {
        var clock = new ReceivedAudioClock(new AmdOptions { AfterGreetingSilence = TimeSpan.FromSeconds(5), TotalAnalysisTime = TimeSpan.FromSeconds(20) });
        var last = HearHello(clock, out var frames);
        var heard = clock.Detector.AnalysedTime;

        Assert.Null(TickUntil(clock, last, last + TimeSpan.FromSeconds(1)));
        clock.OnFrame(Frames(AudioClip.Silence(Frame), timestamp: (uint)(frames * 160) + 8000)[0], last + TimeSpan.FromSeconds(1));
        Assert.Equal(heard + TimeSpan.FromSeconds(1) + Frame, clock.Detector.AnalysedTime);
    }

    [Fact]
    public void ArrivalClock_PacketsThatWereOnlyLate_AddNoSilence()
    {
        var clock = new ReceivedAudioClock();
        var last = HearHello(clock, out var frames);
        var heard = clock.Detector.AnalysedTime;

        // 400 ms without packets (short of a decision with the hello's quiet tail), then they all come at once with
        // contiguous timestamps: the network held them.
        Assert.Null(TickUntil(clock, last, last + TimeSpan.FromMilliseconds(400)));
        foreach (var frame in Frames(AudioClip.Tone(400, TimeSpan.FromMilliseconds(400)), timestamp: (uint)(frames * 160)))
        {
            clock.OnFrame(frame, last + TimeSpan.FromMilliseconds(400));
        }
        Assert.Equal(heard + TimeSpan.FromMilliseconds(400), clock.Detector.AnalysedTime);
        Assert.Null(clock.Detector.Result);
    }

    [Fact]
    public void ArrivalClock_ALateTick_IsOurOwnStall_AndDecidesNothing_UntilPacketsHadTheMediaGapToComeIn()
    {
        var clock = new ReceivedAudioClock();
        var last = HearHello(clock, out _);
        var stall = last + TimeSpan.FromSeconds(2);
        Assert.Null(clock.OnTick(stall));
        Assert.Null(TickUntil(clock, stall, stall + TimeSpan.FromMilliseconds(80)));
        Assert.Equal(AmdStatus.Human, TickUntil(clock, stall + TimeSpan.FromMilliseconds(80), stall + TimeSpan.FromMilliseconds(200))?.Status);
    }

    [Fact]
    public void ArrivalClock_ForASenderThatSendsItsSilence_WaitsASecondBeforeTryingSilence()
    {
        // Silence arriving as packets shows a phone without suppression: when its packets stop, they are being held.
        var clock = new ReceivedAudioClock();
        var now = TimeSpan.Zero;
        foreach (var frame in Frames(AudioClip.Silence(TimeSpan.FromMilliseconds(500)).Append(Hello()), timestamp: 0))
        {
            now += Frame;
            clock.OnFrame(frame, now);
            clock.OnTick(now);
        }
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Gap);
        Assert.Null(TickUntil(clock, now, now + TimeSpan.FromMilliseconds(900)));
        Assert.Equal(AmdStatus.Human, TickUntil(clock, now + TimeSpan.FromMilliseconds(900), now + TimeSpan.FromSeconds(2))?.Status);

        // A timestamp gap or comfort noise shows suppression, and the short gap applies again.
        clock = new ReceivedAudioClock();
        foreach (var frame in Frames(AudioClip.Silence(TimeSpan.FromMilliseconds(500)), timestamp: 0)) clock.OnFrame(frame, TimeSpan.Zero);
        clock.OnComfortNoise(8000, TimeSpan.Zero);
        Assert.Equal(new AmdOptions().MediaGap, clock.Gap);
    }

    [Fact]
    public void ArrivalClock_BeforeTheFirstPacket_CountsNothing_ThenTheWaitAtOnce()
    {
        var clock = new ReceivedAudioClock();
        // No media at all may be one-way audio, not a silent callee: no Machine by initial silence.
        Assert.Null(TickUntil(clock, TimeSpan.Zero, TimeSpan.FromSeconds(4)));
        Assert.Equal(TimeSpan.Zero, clock.Detector.AnalysedTime);

        var fresh = new ReceivedAudioClock();
        fresh.OnFrame(Frames(AudioClip.Silence(Frame), timestamp: 0)[0], TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(900) + Frame, fresh.Detector.AnalysedTime);
    }

    [Fact]
    public void InvalidAudioTimeOptions_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new AnsweringMachineDetector(new AmdOptions { MediaGap = TimeSpan.Zero, ComfortNoisePayloadType = 200 }));
        Assert.Contains("MediaGap", error.Message);
        Assert.Contains("ComfortNoisePayloadType", error.Message);
    }
}
