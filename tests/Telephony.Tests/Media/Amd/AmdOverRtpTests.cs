using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Tests.Media.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Telephony.Tests.Media.Amd;

/// <summary>AMD on audio that really travelled as RTP over loopback UDP at real pace (a few seconds each).</summary>
public sealed class AmdOverRtpTests
{
    private static async Task<AmdResult> PlayAndDetectAsync(string wavPath)
    {
        await using var callee = new RtpMediaSession(new RtpSessionOptions { RtcpInterval = TimeSpan.FromSeconds(1) });
        await using var dialer = new RtpMediaSession(new RtpSessionOptions { RtcpInterval = TimeSpan.FromSeconds(1) });
        callee.SetRemote(dialer.LocalEndPoint, 0);
        dialer.SetRemote(callee.LocalEndPoint, 0);
        dialer.Start();
        callee.Start();

        var detection = dialer.DetectAnsweringMachineAsync();
        using var stopPlaying = new CancellationTokenSource();
        var play = callee.PlayAsync(AudioClip.Silence(TimeSpan.FromMilliseconds(300)).Append(AudioFiles.Load(wavPath)).Append(AudioClip.Silence(TimeSpan.FromSeconds(2))), stopPlaying.Token);
        var result = await detection;
        await stopPlaying.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => play);
        Assert.True(dialer.GetStatistics().FramesReceived > 0);
        return result;
    }

    [Fact]
    public async Task HumanHello_OverRtp_IsHuman()
    {
        var result = await PlayAndDetectAsync(SpeechAudio.RenderWav("Hello?"));
        Assert.Equal(AmdStatus.Human, result.Status);
        Assert.Equal(AmdCause.AfterGreetingSilence, result.Cause);
    }

    [Fact]
    public async Task VoicemailGreeting_OverRtp_IsMachine()
    {
        var greeting = WavFile.ReadFile(SpeechAudio.RenderWav(AnsweringMachineDetectorTests.VoicemailGreeting)).Append(SpeechAudio.Tone());
        var path = SoxTool.TempPath(".wav");
        WavFile.WriteFile(path, greeting, WavFormat.MuLaw);
        try
        {
            var result = await PlayAndDetectAsync(path);
            Assert.Equal(AmdStatus.Machine, result.Status);
            Assert.Equal(AmdCause.MaxWords, result.Cause);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task NoAudioAtAll_EndsNotSure_WithinTheWallClockBound()
    {
        var clock = new FakeTimeProvider();
        await using var session = new RtpMediaSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        session.Start();
        var detection = session.DetectAnsweringMachineAsync(new AmdOptions { TotalAnalysisTime = TimeSpan.FromSeconds(2) }, clock);
        Assert.False(detection.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await detection.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(AmdStatus.NotSure, result.Status);
        Assert.Equal(AmdCause.TooLong, result.Cause);
    }
}
