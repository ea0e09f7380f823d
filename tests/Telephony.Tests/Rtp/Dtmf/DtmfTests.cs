using System.Collections.Concurrent;
using System.Diagnostics;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Dtmf;

namespace ContactCenter.Telephony.Tests.Rtp.Dtmf;

public sealed class DtmfTests
{
    [Fact]
    public void TelephoneEvent_KnownBytes()
    {
        // Digit 9, end, volume 10, duration 1280: 09 8A 05 00.
        var e = new TelephoneEvent(9, true, 10, 1280);
        Assert.Equal(new byte[] { 0x09, 0x8A, 0x05, 0x00 }, e.ToArray());
        Assert.Equal(e, TelephoneEvent.Parse(new byte[] { 0x09, 0x8A, 0x05, 0x00 }));
        // The reserved R bit is ignored (RFC 4733 §2.3).
        Assert.Equal(e, TelephoneEvent.Parse(new byte[] { 0x09, 0xCA, 0x05, 0x00 }));
        Assert.Throws<RtpFormatException>(() => TelephoneEvent.Parse(new byte[] { 1, 2, 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEvent(1, false, 64, 0));
    }

    [Fact]
    public void Digits_MapToRfc4733Codes()
    {
        Assert.Equal("0123456789*#ABCD", new string(Enumerable.Range(0, 16).Select(c => DtmfDigits.FromEventCode((byte)c)!.Value).ToArray()));
        foreach (char d in "0123456789*#ABCD") Assert.Equal(d, DtmfDigits.FromEventCode(DtmfDigits.ToEventCode(d)));
        Assert.Equal(12, DtmfDigits.ToEventCode('a'));
        Assert.Null(DtmfDigits.FromEventCode(32));
        Assert.Throws<ArgumentOutOfRangeException>(() => DtmfDigits.ToEventCode('x'));
    }

    private static RtpPacket Event(ushort seq, uint ts, byte code, bool end, ushort duration, int pt = 101) =>
        new(pt, seq, ts, 1, new TelephoneEvent(code, end, 10, duration).ToArray(), marker: false);

    [Fact]
    public void Receiver_ReportsEachEventOnce_DespiteRepeatedEnds()
    {
        var receiver = new DtmfReceiver();
        var events = new List<DtmfEvent>();
        receiver.EventReceived += events.Add;
        Assert.True(receiver.Process(Event(1, 1000, 5, false, 400)));
        Assert.True(receiver.Process(Event(2, 1000, 5, false, 800)));
        for (ushort i = 3; i < 6; i++) Assert.True(receiver.Process(Event(i, 1000, 5, true, 960)));
        Assert.False(receiver.Process(new RtpPacket(0, 7, 2000, 1, new byte[160])));

        var e = Assert.Single(events);
        Assert.Equal('5', e.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(120), e.Duration);
        Assert.True(e.EndSeen);
        Assert.Equal(1000u, e.Timestamp);
    }

    [Fact]
    public void Receiver_SameDigitTwice_IsTwoEvents_AndALostEndIsClosedByTheNextEvent()
    {
        var receiver = new DtmfReceiver(payloadType: 96);
        var events = new List<DtmfEvent>();
        receiver.EventReceived += events.Add;
        receiver.Process(Event(1, 1000, 1, false, 400, pt: 96)); // end packets lost
        receiver.Process(Event(5, 3000, 1, true, 800, pt: 96));
        receiver.Process(Event(6, 3000, 1, true, 800, pt: 96));
        receiver.Process(Event(7, 5000, 11, false, 400, pt: 96));
        receiver.Flush();
        Assert.Equal(new[] { '1', '1', '#' }, events.Select(e => e.Digit!.Value));
        Assert.Equal(new[] { false, true, false }, events.Select(e => e.EndSeen));
        Assert.False(receiver.Process(Event(8, 7000, 1, true, 400, pt: 101)));
    }

    [Fact]
    public void Receiver_CountsMalformedPayloads()
    {
        var receiver = new DtmfReceiver();
        Assert.True(receiver.Process(new RtpPacket(101, 1, 1, 1, new byte[] { 1, 2 })));
        Assert.Equal(1, receiver.InvalidPayloads);
    }

    [Fact]
    public async Task SenderToReceiver_OverLoopbackUdp()
    {
        await using var a = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        await using var b = new RtpSession(new RtpSessionOptions { RtcpInterval = TimeSpan.Zero });
        var receiver = new DtmfReceiver(payloadType: 98);
        var packets = new ConcurrentQueue<RtpPacket>();
        var events = new ConcurrentQueue<DtmfEvent>();
        receiver.EventReceived += events.Enqueue;
        b.PacketReceived += (p, _) =>
        {
            packets.Enqueue(p);
            lock (receiver) receiver.Process(p);
        };
        a.SetRemote(b.LocalEndPoint);
        b.Start();

        var sender = new DtmfSender(a, payloadType: 98);
        Assert.Equal(6, await sender.SendDigitAsync('7', TimeSpan.FromMilliseconds(160), volume: 12));
        await sender.SendDigitsAsync("#1", TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(40));

        var watch = Stopwatch.StartNew();
        while (events.Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(10);
        Assert.Equal(new[] { '7', '#', '1' }, events.Select(e => e.Digit!.Value));
        Assert.Equal(TimeSpan.FromMilliseconds(160), events.First().Duration);
        Assert.Equal(12, events.First().Volume);

        var first = packets.Where(p => p.Timestamp == events.First().Timestamp).ToList();
        Assert.Equal(6, first.Count);
        Assert.True(first[0].Marker);
        Assert.Equal(3, first.Count(p => TelephoneEvent.Parse(p.Payload.Span).End));
        Assert.Equal(new ushort[] { 400, 800, 1200, 1280, 1280, 1280 }, first.Select(p => TelephoneEvent.Parse(p.Payload.Span).Duration));
        Assert.All(packets, p => Assert.Equal(98, p.PayloadType));
    }

    [Fact]
    public async Task Sender_RejectsBadArguments()
    {
        await using var session = new RtpSession();
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtmfSender(session, payloadType: 8));
        var sender = new DtmfSender(session);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sender.SendDigitAsync('x', TimeSpan.FromMilliseconds(100)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sender.SendDigitAsync('1', TimeSpan.FromSeconds(9)));
    }
}
