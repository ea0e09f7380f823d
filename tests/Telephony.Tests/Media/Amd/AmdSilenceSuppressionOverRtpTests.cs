using System.Diagnostics;
using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Amd;

/// <summary>
/// AMD on a live <see cref="RtpMediaSession"/> whose far end suppresses silence, over loopback UDP at real pace (a few
/// seconds each): the live wiring of RTP timestamps, comfort noise and the arrival clock.
/// </summary>
public sealed class AmdSilenceSuppressionOverRtpTests
{
    private static async Task<(AmdResult Result, MediaSessionStatistics Statistics)> SendAndDetectAsync(AudioClip audio, SimulatedPhoneSender sender)
    {
        await using var phone = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        await using var dialer = new RtpMediaSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        phone.SetRemote(dialer.LocalEndPoint);
        dialer.SetRemote(phone.LocalEndPoint, 0);
        dialer.Start();

        var detection = dialer.DetectAnsweringMachineAsync();
        var clock = Stopwatch.StartNew();
        foreach (var scheduled in sender.Send(audio))
        {
            if (detection.IsCompleted) break;
            var due = scheduled.Arrival - sender.Delay - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            await phone.SendPacketAsync(scheduled.Packet);
        }
        var result = await detection.WaitAsync(TimeSpan.FromSeconds(10));
        return (result, dialer.GetStatistics());
    }

    private static AudioClip Answer(string greeting) =>
        AudioClip.Silence(TimeSpan.FromMilliseconds(400)).Append(SpeechAudio.Render(greeting)).Append(AudioClip.Silence(TimeSpan.FromSeconds(2)))
            .Append(SpeechAudio.Render("Hello?")).Append(AudioClip.Silence(TimeSpan.FromSeconds(2)));

    [Fact]
    public async Task Hello_WithNoPacketsWhileSilent_IsHuman()
    {
        var (result, statistics) = await SendAndDetectAsync(Answer("Hello?"), new SimulatedPhoneSender { Mode = SenderSilenceMode.NoPackets });
        Assert.Equal(AmdStatus.Human, result.Status);
        Assert.Equal(AmdCause.AfterGreetingSilence, result.Cause);
        Assert.Equal(0, statistics.IgnoredPackets);
    }

    [Fact]
    public async Task GreetingThenHelloAgain_WithComfortNoiseWhileSilent_IsHuman()
    {
        var sender = new SimulatedPhoneSender { Mode = SenderSilenceMode.ComfortNoise, ComfortNoiseInterval = TimeSpan.FromMilliseconds(200) };
        var (result, statistics) = await SendAndDetectAsync(Answer("Hi, this is Maria."), sender);
        Assert.Equal(AmdStatus.Human, result.Status);
        Assert.Equal(AmdCause.AfterGreetingSilence, result.Cause);
        Assert.True(statistics.IgnoredPackets > 0, "comfort noise was sent and not decoded as audio");
    }

    [Fact]
    public async Task VoicemailGreeting_WithNoPacketsWhileSilent_IsMachine()
    {
        var greeting = AudioClip.Silence(TimeSpan.FromMilliseconds(300)).Append(SpeechAudio.Render(MachineGreetings.Long));
        var (result, _) = await SendAndDetectAsync(greeting, new SimulatedPhoneSender { Mode = SenderSilenceMode.NoPackets });
        Assert.True(result.Status == AmdStatus.Machine, $"{result}");
    }
}
