using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Integration.Support;

using ContactCenter.Telephony.Tests.Sip.Support;
using SpeechAudio = ContactCenter.Telephony.Tests.Media.Support.SpeechAudio;

namespace ContactCenter.Telephony.Tests.Integration;

/// <summary>
/// Persistent agent channels against sipp phones: the agent's phone is called once, customer calls
/// (another sipp) are relayed into that leg, and the leg outlives each customer.
/// </summary>
[Collection(SippCollection.Name)]
public sealed class AgentPhoneChannelSippTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SippProcess StartSipp(string scenario, SippAudioFolder audio)
    {
        var sipp = SippProcess.Start(["-sf", Path.Combine(SippProcess.ScenarioDirectory, scenario)], audio.Path);
        // sipp also binds media port + 2 (video): skip past it so a second sipp cannot take it.
        FreePort.Next();
        FreePort.Next();
        return sipp;
    }

    [Fact]
    public async Task CustomerCall_IsRelayedIntoTheAgentChannel_BothWays_AndTheChannelOutlivesTheCustomer()
    {
        using var agentVoice = new SippAudioFolder(SpeechAudio.Render("This is the agent speaking, how can I help?"));
        using var customerVoice = new SippAudioFolder(SpeechAudio.Render("Hello, this is the customer."));
        await using var agentPhone = StartSipp("trunk_uas_agent_phone.xml", agentVoice);
        await using var customer = StartSipp("trunk_uas_answer_play_bye.xml", customerVoice);
        await agentPhone.WaitUntilListeningAsync();
        await customer.WaitUntilListeningAsync();
        await using var trunk = TrunkHarness.Start(customer.Port);

        // Login: the system calls the agent's phone and keeps the leg.
        await trunk.Agents.EnsureConnectedAsync("agent-7", $"sip:agent7@127.0.0.1:{agentPhone.Port}");
        Assert.True(trunk.Agents.IsConnected("agent-7"));
        var channel = trunk.Agents.Find("agent-7")!;
        // A second login while up reuses the same leg.
        await trunk.Agents.EnsureConnectedAsync("agent-7", $"sip:agent7@127.0.0.1:{agentPhone.Port}");
        Assert.Same(channel, trunk.Agents.Find("agent-7"));

        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("cust-1", "c1", "+12125550131", ""));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.Answered), "the customer's answer", Wait,
            () => string.Join(", ", trunk.Events.Events) + "\n" + customer.Output);
        await trunk.Carrier.BridgeAsync("cust-1", new AgentEndpoint("agent-7"));

        var bridge = channel.CurrentBridge!;
        Assert.Equal("cust-1", channel.CurrentCustomerCallId);
        // sipp plays at 50 packets/s on each side: a second's worth each way proves the relay.
        await Eventually.TrueAsync(() => bridge.CustomerToAgentPackets >= 50 && bridge.AgentToCustomerPackets >= 50, "RTP relayed both ways", Wait);
        var customerMedia = (Trunk.RtpMediaEndpoint)trunk.Stack.UserAgent.FindCall("cust-1")!.Media!;
        Assert.True(customerMedia.Session.GetStatistics().Rtp.PacketsSent >= 50, "our customer leg sent the agent's audio to the customer");
        Assert.True(channel.Media.Session.GetStatistics().Rtp.PacketsSent >= 50, "our agent leg sent the customer's audio to the phone");

        // The customer hangs up (sipp BYE): the relay stops, the agent's phone stays connected.
        Assert.Equal(0, await customer.WaitForExitAsync(Wait));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.HungUp), "the customer's hang-up", Wait);
        await Eventually.TrueAsync(() => channel.CurrentBridge is null, "the bridge to detach", Wait);
        var relayed = bridge.CustomerToAgentPackets;
        await Task.Delay(200);
        Assert.Equal(relayed, bridge.CustomerToAgentPackets);
        Assert.True(trunk.Agents.IsConnected("agent-7"));
        Assert.Equal(SipCallState.Established, channel.Leg.State);

        // Logout: BYE to the phone, which sipp must receive to pass.
        await trunk.Agents.DisconnectAsync("agent-7");
        Assert.False(trunk.Agents.IsConnected("agent-7"));
        Assert.Equal(0, await agentPhone.WaitForExitAsync(Wait));
    }

    [Fact]
    public async Task BridgeWithoutChannelOrUri_FailsAsNoAgent()
    {
        using var voice = new SippAudioFolder(AudioClip.Tone(440, TimeSpan.FromSeconds(1)));
        await using var customer = StartSipp("trunk_uas_answer_play.xml", voice);
        await customer.WaitUntilListeningAsync();
        await using var trunk = TrunkHarness.Start(customer.Port);
        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("cust-2", "c1", "+12125550132", ""));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.Answered), "the customer's answer", Wait);

        // CallGrain treats InvalidOperationException as "no agent" and hangs up.
        await Assert.ThrowsAsync<InvalidOperationException>(() => trunk.Carrier.BridgeAsync("cust-2", new AgentEndpoint("nobody")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => trunk.Carrier.BridgeAsync("cust-2", new AgentEndpoint("bad", "not a uri")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => trunk.Carrier.BridgeAsync("no-such-call", new AgentEndpoint("nobody", "sip:a@127.0.0.1:9")));
        await trunk.Carrier.HangUpAsync("cust-2");
        Assert.Equal(0, await customer.WaitForExitAsync(Wait));
    }

    [Fact]
    public async Task BusyAgentPhone_LoginFails_AndLeavesNoChannel()
    {
        await using var phone = SippProcess.StartScenario("uas_busy.xml");
        await phone.WaitUntilListeningAsync();
        await using var trunk = TrunkHarness.Start(5060);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => trunk.Agents.EnsureConnectedAsync("agent-9", $"sip:agent9@127.0.0.1:{phone.Port}"));
        Assert.Contains("Busy", error.Message);
        Assert.False(trunk.Agents.IsConnected("agent-9"));
        Assert.Null(trunk.Agents.Find("agent-9"));
        await Assert.ThrowsAsync<ArgumentException>(() => trunk.Agents.EnsureConnectedAsync("agent-9", "tel:+12125550100"));
    }
}
