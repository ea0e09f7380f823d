using System.Collections.Concurrent;
using System.Net;
using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Dtmf;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media;

public sealed class RtpMediaSessionTests
{
    private static readonly RtpSessionOptions Quiet = new() { RtcpInterval = TimeSpan.Zero };

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public async Task PlayedClip_IsRecordedOnTheOtherSide(int payloadType)
    {
        await using var caller = new RtpMediaSession(Quiet);
        await using var callee = new RtpMediaSession(Quiet);
        caller.SetRemote(callee.LocalEndPoint, payloadType);
        callee.SetRemote(caller.LocalEndPoint, payloadType);
        caller.Start();
        callee.Start();
        using var recorder = new CallRecorder(callee);

        // 0.29 s of a 440 Hz tone: 15 frames, the last padded with silence.
        var clip = AudioClip.Tone(440, TimeSpan.FromMilliseconds(290));
        await caller.PlayAsync(clip);
        await Eventually.TrueAsync(() => callee.GetStatistics().FramesReceived == 15, "15 frames");

        var law = G711.LawOfPayloadType(payloadType)!.Value;
        var recorded = recorder.ToClip();
        Assert.Equal(15 * 160, recorded.Length);
        Assert.Equal(clip.ToG711(law), recorded.ToG711(law)[..clip.Length]);
        Assert.All(recorded.Samples.ToArray()[clip.Length..], s => Assert.InRange(s, -8, 8));
        Assert.Equal(15, caller.GetStatistics().FramesPlayed);
        Assert.Equal(15, callee.GetStatistics().Rtp.PacketsReceived);

        var path = SoxTool.TempPath(".wav");
        try
        {
            recorder.Save(path, WavFormat.MuLaw);
            Assert.Equal(15 * 160, WavFile.ReadFile(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task LostAndReorderedPackets_AreConcealedAndReordered()
    {
        await using var phone = new RtpSession(Quiet);
        await using var media = new RtpMediaSession(Quiet);
        media.SetRemote(phone.LocalEndPoint, 0);
        phone.SetRemote(media.LocalEndPoint);
        media.Start();
        var frames = new ConcurrentQueue<AudioFrame>();
        media.AudioReceived += frames.Enqueue;

        // Sequence 0..9 with 3 missing and 5/6 swapped; payload byte = the frame number.
        var order = new[] { 0, 1, 2, 4, 6, 5, 7, 8, 9 };
        var packets = Enumerable.Range(0, 10).Select(i => phone.CreatePacket(0, Enumerable.Repeat(MuLaw.Encode((short)(i * 1000)), 160).ToArray(), (uint)(i * 160), i == 0)).ToArray();
        foreach (int i in order) await phone.SendPacketAsync(packets[i]);
        await Eventually.TrueAsync(() => frames.Count == 10, "10 frames");

        var list = frames.ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ushort)(packets[0].SequenceNumber + i)), list.Select(f => f.SequenceNumber));
        Assert.True(list[3].Concealed);
        Assert.All(list[3].Samples, s => Assert.Equal(0, s));
        for (int i = 0; i < 10; i++)
        {
            if (i == 3) continue;
            Assert.False(list[i].Concealed);
            Assert.Equal(MuLaw.Decode(MuLaw.Encode((short)(i * 1000))), list[i].Samples[0]);
        }
        var stats = media.GetStatistics();
        Assert.Equal(1, stats.FramesConcealed);
        Assert.Equal(1, stats.Rtp.PacketsLost);
    }

    [Fact]
    public async Task Dtmf_GoesBothWays_WithNegotiatedPayloadType()
    {
        await using var a = new RtpMediaSession(Quiet);
        await using var b = new RtpMediaSession(Quiet);
        a.SetRemote(b.LocalEndPoint, 0, dtmfPayloadType: 97);
        b.SetRemote(a.LocalEndPoint, 0, dtmfPayloadType: 97);
        a.Start();
        b.Start();
        var atB = new ConcurrentQueue<DtmfEvent>();
        var atA = new ConcurrentQueue<DtmfEvent>();
        b.DtmfReceived += atB.Enqueue;
        a.DtmfReceived += atA.Enqueue;
        await a.SendDtmfAsync('5', TimeSpan.FromMilliseconds(100));
        await b.SendDtmfAsync('#', TimeSpan.FromMilliseconds(60));
        await Eventually.TrueAsync(() => atB.Count == 1 && atA.Count == 1, "one digit each way");
        Assert.Equal('5', atB.Single().Digit);
        Assert.Equal('#', atA.Single().Digit);
        Assert.Equal(0, b.GetStatistics().FramesReceived);
        Assert.Equal(1, b.GetStatistics().DtmfReceived);
    }

    [Fact]
    public async Task PlayFile_PlaysAWavFromDisk()
    {
        var path = SoxTool.TempPath(".wav");
        SoxTool.Run("sox", "-n", "-r", "8000", "-c", "1", "-e", "a-law", path, "synth", "0.1", "sine", "1000");
        try
        {
            await using var a = new RtpMediaSession(Quiet);
            await using var b = new RtpMediaSession(Quiet);
            a.SetRemote(b.LocalEndPoint, 8);
            b.Start();
            await a.PlayFileAsync(path);
            await Eventually.TrueAsync(() => b.GetStatistics().FramesReceived == 5, "5 frames");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UnknownPayloadTypes_AreIgnored_AndBadSettingsRejected()
    {
        await using var phone = new RtpSession(Quiet);
        await using var media = new RtpMediaSession(Quiet);
        media.Start();
        phone.SetRemote(media.LocalEndPoint);
        await phone.SendPacketAsync(phone.CreatePacket(13, new byte[1], 0, false));
        await phone.SendPacketAsync(phone.CreatePacket(18, new byte[20], 160, false));
        await Eventually.TrueAsync(() => media.GetStatistics().IgnoredPackets == 2, "2 ignored packets");
        Assert.Throws<ArgumentOutOfRangeException>(() => media.SetRemote(phone.LocalEndPoint, 18));
        Assert.Throws<ArgumentOutOfRangeException>(() => media.SetRemote(phone.LocalEndPoint, 0, 8));
        Assert.Equal(IPAddress.Loopback, media.LocalEndPoint.Address);
    }

    [Fact]
    public async Task Stop_CancelsPlayback()
    {
        var media = new RtpMediaSession(Quiet);
        await using var sink = new RtpSession(Quiet);
        media.SetRemote(sink.LocalEndPoint, 0);
        var play = media.PlayAsync(AudioClip.Silence(TimeSpan.FromSeconds(30)));
        await Task.Delay(100);
        await media.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => play);
        // 30 s of audio is 1500 frames; stopping cut it short.
        Assert.InRange(media.GetStatistics().FramesPlayed, 1, 500);
    }

    [Fact]
    public async Task Recorder_IsBounded()
    {
        await using var a = new RtpMediaSession(Quiet);
        await using var b = new RtpMediaSession(Quiet);
        a.SetRemote(b.LocalEndPoint, 0);
        b.Start();
        using var recorder = new CallRecorder(b, TimeSpan.FromMilliseconds(50));
        await a.PlayAsync(AudioClip.Tone(300, TimeSpan.FromMilliseconds(100)));
        await Eventually.TrueAsync(() => b.GetStatistics().FramesReceived == 5, "5 frames");
        Assert.Equal(400, recorder.ToClip().Length);
        Assert.True(recorder.Truncated);
    }

    [Fact]
    public async Task SendPaused_KeepsPaceButSendsNothing()
    {
        await using var a = new RtpMediaSession(Quiet);
        await using var b = new RtpMediaSession(Quiet);
        a.SetRemote(b.LocalEndPoint, 0);
        b.Start();
        a.SendPaused = true;
        await a.PlayAsync(AudioClip.Tone(300, TimeSpan.FromMilliseconds(100)));
        a.SendPaused = false;
        await a.PlayAsync(AudioClip.Tone(300, TimeSpan.FromMilliseconds(60)));
        await Eventually.TrueAsync(() => b.GetStatistics().FramesReceived == 3, "3 frames after resuming");
        await Task.Delay(100);
        Assert.Equal(3, b.GetStatistics().FramesReceived);
        Assert.Equal(8, a.GetStatistics().FramesPlayed);
        Assert.Equal(3, a.GetStatistics().Rtp.PacketsSent);
    }
}
