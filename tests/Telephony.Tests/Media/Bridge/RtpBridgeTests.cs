using System.Collections.Concurrent;
using ContactCenter.Telephony.Media.Bridge;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Dtmf;
using ContactCenter.Telephony.Tests.Media.Support;

namespace ContactCenter.Telephony.Tests.Media.Bridge;

public sealed class RtpBridgeTests
{
    private static readonly RtpSessionOptions Quiet = new() { RtcpInterval = TimeSpan.Zero };

    private static byte[] Frame(G711Law law, short level) => Enumerable.Repeat(G711.Encode(law, level), 160).ToArray();

    [Fact]
    public async Task Bridge_RelaysBothWays_AsOneContinuousStreamPerSide()
    {
        // customerPhone <-> customerLeg  [bridge]  agentLeg <-> agentPhone
        await using var customerPhone = new RtpSession(Quiet);
        await using var customerLeg = new RtpSession(Quiet);
        await using var agentLeg = new RtpSession(Quiet);
        await using var agentPhone = new RtpSession(Quiet);
        customerPhone.SetRemote(customerLeg.LocalEndPoint);
        customerLeg.SetRemote(customerPhone.LocalEndPoint);
        agentLeg.SetRemote(agentPhone.LocalEndPoint);
        agentPhone.SetRemote(agentLeg.LocalEndPoint);
        var atAgent = new ConcurrentQueue<RtpPacket>();
        var atCustomer = new ConcurrentQueue<RtpPacket>();
        agentPhone.PacketReceived += (p, _) => atAgent.Enqueue(p);
        customerPhone.PacketReceived += (p, _) => atCustomer.Enqueue(p);
        foreach (var s in new[] { customerPhone, customerLeg, agentLeg, agentPhone }) s.Start();

        // The agent leg first plays a 3-frame prompt of its own.
        await agentLeg.SendAudioAsync(Enumerable.Range(0, 3).Select(_ => (ReadOnlyMemory<byte>)Frame(G711Law.MuLaw, 100)), 0);
        await Eventually.TrueAsync(() => atAgent.Count == 3, "the prompt");

        // Customer side speaks PCMA with DTMF 101; agent side PCMU with DTMF 96.
        using var bridge = new RtpBridge(new RtpBridgeLeg(customerLeg, AudioPayloadType: 8, DtmfPayloadType: 101), new RtpBridgeLeg(agentLeg, AudioPayloadType: 0, DtmfPayloadType: 96));
        bridge.Start();

        uint ts = 5000;
        for (int i = 0; i < 10; i++, ts += 160) await customerPhone.SendPacketAsync(customerPhone.CreatePacket(8, Frame(G711Law.ALaw, 4000), ts, i == 0));
        await customerPhone.SendPacketAsync(customerPhone.CreatePacket(101, new TelephoneEvent(3, true, 10, 800).ToArray(), ts, true));
        // The customer's phone restarts its stream (new SSRC, random sequence) – the agent must not notice.
        await using var restarted = new RtpSession(Quiet);
        restarted.SetRemote(customerLeg.LocalEndPoint);
        for (int i = 0; i < 5; i++) await restarted.SendPacketAsync(restarted.CreatePacket(8, Frame(G711Law.ALaw, 4000), (uint)(777 + i * 160), i == 0));

        for (int i = 0; i < 7; i++) await agentPhone.SendPacketAsync(agentPhone.CreatePacket(0, Frame(G711Law.MuLaw, -2000), (uint)(i * 160), i == 0));
        await agentPhone.SendPacketAsync(agentPhone.CreatePacket(13, new byte[1], 0, false)); // comfort noise: not relayed

        await Eventually.TrueAsync(() => atAgent.Count == 19 && atCustomer.Count == 7, "relayed packets");
        Assert.Equal(16, bridge.CustomerToAgentPackets);
        Assert.Equal(7, bridge.AgentToCustomerPackets);
        Assert.Equal(1, bridge.DroppedPackets);

        var agentSide = atAgent.ToArray();
        Assert.All(agentSide, p => Assert.Equal(agentLeg.Ssrc, p.Ssrc));
        for (int i = 1; i < agentSide.Length; i++) Assert.Equal((ushort)(agentSide[i - 1].SequenceNumber + 1), agentSide[i].SequenceNumber);
        var audio = agentSide.Where(p => p.PayloadType == 0).ToArray();
        for (int i = 1; i < audio.Length; i++) Assert.True((int)(audio[i].Timestamp - audio[i - 1].Timestamp) >= 160, $"timestamp went back at {i}");
        // Within the relayed talkspurt timestamps advance exactly one frame.
        for (int i = 4; i < 13; i++) Assert.Equal(audio[i - 1].Timestamp + 160, audio[i].Timestamp);
        Assert.True(audio[3].Marker);
        Assert.True(audio[13].Marker); // re-anchored after the customer's restart
        // A-law 4000 arrived as µ-law 4000 (±1 quantisation step).
        Assert.InRange(MuLaw.Decode(audio[5].Payload.Span[0]), 3800, 4200);
        var dtmf = Assert.Single(agentSide, p => p.PayloadType == 96);
        Assert.Equal(3, TelephoneEvent.Parse(dtmf.Payload.Span).Code);

        var customerSide = atCustomer.ToArray();
        Assert.All(customerSide, p => Assert.Equal(customerLeg.Ssrc, p.Ssrc));
        Assert.All(customerSide, p => Assert.Equal(8, p.PayloadType));
        Assert.InRange(ALaw.Decode(customerSide[0].Payload.Span[0]), -2100, -1900);

        // RFC 3550 statistics at the agent phone see no loss across prompt, relay and restart.
        Assert.Equal(0, agentPhone.GetStatistics().PacketsLost);
    }

    [Fact]
    public async Task Dispose_StopsRelaying()
    {
        await using var a = new RtpSession(Quiet);
        await using var b = new RtpSession(Quiet);
        await using var phone = new RtpSession(Quiet);
        var bridge = new RtpBridge(new RtpBridgeLeg(a), new RtpBridgeLeg(b));
        b.SetRemote(phone.LocalEndPoint);
        phone.SetRemote(a.LocalEndPoint);
        a.Start();
        b.Start();
        bridge.Start();
        await phone.SendPacketAsync(phone.CreatePacket(0, new byte[160], 0, true));
        await Eventually.TrueAsync(() => bridge.CustomerToAgentPackets == 1, "one relayed packet");
        bridge.Dispose();
        await phone.SendPacketAsync(phone.CreatePacket(0, new byte[160], 160, false));
        await Eventually.TrueAsync(() => a.GetStatistics().PacketsReceived == 2, "second packet at the leg");
        Assert.Equal(1, bridge.CustomerToAgentPackets);
        Assert.Throws<ArgumentException>(() => new RtpBridge(new RtpBridgeLeg(a), new RtpBridgeLeg(a)));
        Assert.Throws<ArgumentException>(() => new RtpBridge(new RtpBridgeLeg(a, 18), new RtpBridgeLeg(b)));
    }
}
