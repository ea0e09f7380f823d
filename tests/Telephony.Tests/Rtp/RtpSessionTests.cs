using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Rtcp;

namespace ContactCenter.Telephony.Tests.Rtp;

public sealed class RtpSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Wait) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task PortZero_BindsAnEvenLoopbackPort_WithRtcpOnTheNext()
    {
        await using var session = new RtpSession();
        Assert.Equal(IPAddress.Loopback, session.LocalEndPoint.Address);
        Assert.Equal(0, session.LocalEndPoint.Port % 2);
        Assert.Equal(session.LocalEndPoint.Port + 1, session.LocalRtcpEndPoint.Port);

        await using var mux = new RtpSession(new RtpSessionOptions { RtcpMux = true });
        Assert.Equal(mux.LocalEndPoint, mux.LocalRtcpEndPoint);
    }

    [Fact]
    public async Task PacedAudio_ArrivesInOrder_WithConsecutiveSequenceAndTimestamps()
    {
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        var received = new ConcurrentQueue<RtpPacket>();
        b.PacketReceived += (packet, _) => received.Enqueue(packet);
        a.SetRemote(b.LocalEndPoint);
        a.Start();
        b.Start();

        var frames = Enumerable.Range(0, 10).Select(i => (ReadOnlyMemory<byte>)Enumerable.Repeat((byte)i, 160).ToArray()).ToList();
        var watch = Stopwatch.StartNew();
        Assert.Equal(10, await a.SendAudioAsync(frames, 0));
        // Ten frames at 20 ms spacing take at least 9 intervals.
        Assert.True(watch.ElapsedMilliseconds >= 170, $"took {watch.ElapsedMilliseconds} ms");
        await WaitUntilAsync(() => received.Count == 10);

        var packets = received.ToArray();
        Assert.True(packets[0].Marker);
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        for (int i = 1; i < packets.Length; i++)
        {
            Assert.Equal((ushort)(packets[0].SequenceNumber + i), packets[i].SequenceNumber);
            Assert.Equal(packets[0].Timestamp + (uint)(160 * i), packets[i].Timestamp);
            Assert.Equal((byte)i, packets[i].Payload.Span[0]);
            Assert.Equal(a.Ssrc, packets[i].Ssrc);
        }
        // b never had a remote set: it latched onto a as the sender (symmetric RTP).
        Assert.Equal(a.LocalEndPoint, b.RemoteEndPoint);
        var stats = b.GetStatistics();
        Assert.Equal(10, stats.PacketsReceived);
        Assert.Equal(1600, stats.OctetsReceived);
        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(10, a.GetStatistics().PacketsSent);
    }

    [Fact]
    public async Task RtcpReports_CarryCountsLossAndRoundTrip()
    {
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        var atA = new ConcurrentQueue<RtcpPacket>();
        var atB = new ConcurrentQueue<RtcpPacket>();
        a.RtcpReceived += atA.Enqueue;
        b.RtcpReceived += atB.Enqueue;
        a.SetRemote(b.LocalEndPoint);
        b.SetRemote(a.LocalEndPoint);
        a.Start();
        b.Start();

        // Send 20 packets but skip sequence numbers 5 and 6: b must see 2 lost.
        uint ts = 1000;
        for (int i = 0; i < 22; i++)
        {
            var packet = a.CreatePacket(0, new byte[160], ts, i == 0);
            ts += 160;
            if (i is 5 or 6) continue;
            await a.SendPacketAsync(packet);
        }
        await WaitUntilAsync(() => b.GetStatistics().PacketsReceived == 20);
        Assert.Equal(2, b.GetStatistics().PacketsLost);

        await a.SendRtcpAsync();
        await WaitUntilAsync(() => atB.OfType<RtcpSenderReport>().Any());
        var sr = atB.OfType<RtcpSenderReport>().Single();
        Assert.Equal(a.Ssrc, sr.SenderSsrc);
        Assert.Equal(20u, sr.PacketCount);
        Assert.Equal(3200u, sr.OctetCount);
        Assert.Equal(a.CName, atB.OfType<RtcpSourceDescription>().Single().CName);

        await b.SendRtcpAsync();
        await WaitUntilAsync(() => a.GetStatistics().RemoteReport is not null);
        Assert.IsType<RtcpReceiverReport>(atA.First());
        var report = a.GetStatistics().RemoteReport!;
        Assert.Equal(a.Ssrc, report.Ssrc);
        Assert.Equal(2, report.CumulativeLost);
        Assert.Equal((byte)(2 * 256 / 22), report.FractionLost);
        Assert.NotEqual(0u, report.LastSenderReport);
        Assert.NotNull(a.GetStatistics().RoundTripTime);
        Assert.InRange(a.GetStatistics().RoundTripTime!.Value.TotalMilliseconds, 0, 1000);

        await a.StopAsync();
        await WaitUntilAsync(() => atB.OfType<RtcpBye>().Any(bye => bye.LeavingSsrc == a.Ssrc));
    }

    [Fact]
    public async Task PeriodicRtcp_IsSentByTheTimer()
    {
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.FromMilliseconds(50) });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        int reports = 0;
        b.RtcpReceived += p => { if (p is RtcpReceiverReport) Interlocked.Increment(ref reports); };
        a.SetRemote(b.LocalEndPoint);
        a.Start();
        b.Start();
        await WaitUntilAsync(() => Volatile.Read(ref reports) >= 2);
        Assert.True(a.GetStatistics().RtcpSent >= 2);
    }

    [Fact]
    public async Task GarbageDatagrams_AreCountedAndIgnored()
    {
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero, RtcpMux = true });
        int packets = 0;
        b.PacketReceived += (_, _) => Interlocked.Increment(ref packets);
        b.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        raw.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await raw.SendToAsync(new byte[] { 1, 2, 3 }, b.LocalEndPoint);
        await raw.SendToAsync(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, b.LocalEndPoint);
        await raw.SendToAsync(new byte[] { 0x80, 202, 0, 1, 0, 0, 0, 1 }, b.LocalEndPoint);
        await raw.SendToAsync(new RtpPacket(0, 1, 2, 3, new byte[] { 1 }).ToArray(), b.LocalEndPoint);
        await WaitUntilAsync(() => Volatile.Read(ref packets) == 1);
        Assert.Equal(3, b.GetStatistics().InvalidPackets);
    }

    [Fact]
    public async Task FailingHandler_DoesNotStopReception()
    {
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        int calls = 0;
        b.PacketReceived += (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("handler bug");
        };
        a.SetRemote(b.LocalEndPoint);
        b.Start();
        for (int i = 0; i < 3; i++) await a.SendPacketAsync(a.CreatePacket(0, new byte[10], (uint)(i * 160), false));
        await WaitUntilAsync(() => Volatile.Read(ref calls) == 3);
    }

    [Fact]
    public async Task Send_WithoutRemote_OrAfterStop_GivesAClearError()
    {
        var a = new RtpSession();
        var packet = a.CreatePacket(0, new byte[1], 0, false);
        Assert.Contains("SetRemote", (await Assert.ThrowsAsync<InvalidOperationException>(() => a.SendPacketAsync(packet).AsTask())).Message);
        await a.StopAsync();
        await a.StopAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => a.SendPacketAsync(packet).AsTask());
    }

    [Fact]
    public async Task ReserveTimestamp_ContinuesWithinATalkspurt_AndJumpsAfterAPause()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero }, clock);
        var (first, spurt1) = a.ReserveTimestamp(160);
        clock.Advance(TimeSpan.FromMilliseconds(20));
        var (second, spurt2) = a.ReserveTimestamp(160);
        Assert.True(spurt1);
        Assert.False(spurt2);
        Assert.Equal(first + 160, second);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (third, spurt3) = a.ReserveTimestamp(160);
        Assert.True(spurt3);
        Assert.Equal(first + 8160u, third);
    }

    [Fact]
    public async Task IrregularArrival_ShowsUpAsJitter_InTheReceiverReport()
    {
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        a.SetRemote(b.LocalEndPoint);
        b.SetRemote(a.LocalEndPoint);
        a.Start();
        b.Start();
        // Timestamps say 20 ms apart; sends alternate bursts of two and 40 ms pauses, so transit varies by about 20 ms.
        for (int i = 0; i < 16; i++)
        {
            await a.SendPacketAsync(a.CreatePacket(0, new byte[160], (uint)(i * 160), i == 0));
            if (i % 2 == 1) await Task.Delay(40);
        }
        await WaitUntilAsync(() => b.GetStatistics().PacketsReceived == 16);
        Assert.True(b.GetStatistics().Jitter >= TimeSpan.FromMilliseconds(4), $"jitter {b.GetStatistics().Jitter}");

        await b.SendRtcpAsync();
        await WaitUntilAsync(() => a.GetStatistics().RemoteReport is not null);
        Assert.True(a.GetStatistics().RemoteReport!.Jitter >= 32, $"jitter {a.GetStatistics().RemoteReport!.Jitter} timestamp units");
    }

    [Fact]
    public async Task FixedPortInUse_FailsClearly_AndMuxedSessionsExchangeRtcpOnOnePort()
    {
        await using var first = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        var error = Assert.Throws<SocketException>(() => new RtpSession(new RtpSessionOptions { LocalPort = first.LocalEndPoint.Port }));
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);

        await using var a = new RtpSession(new RtpSessionOptions { RtcpMux = true, RtcpInterval = TimeSpan.Zero });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpMux = true, RtcpInterval = TimeSpan.Zero });
        a.SetRemote(b.LocalEndPoint);
        b.SetRemote(a.LocalEndPoint);
        a.Start();
        b.Start();
        await a.SendPacketAsync(a.CreatePacket(0, new byte[160], 0, true));
        await a.SendRtcpAsync();
        await WaitUntilAsync(() => b.GetStatistics().RtcpReceived == 1 && b.GetStatistics().PacketsReceived == 1);
        Assert.Equal(0, b.GetStatistics().InvalidPackets);
    }

    [Fact]
    public async Task StrictSource_DropsPacketsFromOtherAddresses()
    {
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero, StrictSource = true });
        await using var stranger = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero, LocalAddress = IPAddress.Parse("127.0.0.2") });
        await using var peer = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        b.SetRemote(peer.LocalEndPoint);
        b.Start();
        stranger.SetRemote(b.LocalEndPoint);
        peer.SetRemote(b.LocalEndPoint);
        await stranger.SendPacketAsync(stranger.CreatePacket(0, new byte[160], 0, true));
        await peer.SendPacketAsync(peer.CreatePacket(0, new byte[160], 0, true));
        await WaitUntilAsync(() => b.GetStatistics().PacketsReceived == 1 && b.GetStatistics().InvalidPackets == 1);
    }
}
