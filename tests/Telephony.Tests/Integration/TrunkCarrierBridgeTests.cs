using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Integration.Support;

namespace ContactCenter.Telephony.Tests.Integration;

/// <summary>
/// <see cref="ICarrier.BridgeAsync"/> on the product's trunk carrier with our own user agent as both the customer and
/// the agent's phone: audio crosses in both directions, and the agent's leg outlives each customer whichever side
/// hangs up (the sipp twin, <see cref="AgentPhoneChannelSippTests"/>, opens the channel at login instead).
/// </summary>
public sealed class TrunkCarrierBridgeTests : TrunkToFarEnd
{
    [Fact]
    public async Task FirstBridge_DialsTheAgent_RelaysAudioBothWays_CarrierHangUpEndsOnlyTheCustomer()
    {
        await AnsweredCallAsync("call-50", "+15550002250");

        await Carrier.BridgeAsync("call-50", new AgentEndpoint("agent-7", Far.UriFor("agent-7"))).WaitAsync(Wait);

        var agentCall = await Far.CallTo("agent-7").WaitAsync(Wait);
        Assert.Equal("dialer", agentCall.Caller.Uri.User);
        var channel = Trunk.Agents.Find("agent-7")!;
        Assert.Equal("call-50", channel.CurrentCustomerCallId);
        var customerPhone = await Far.MediaOfAsync("+15550002250", Wait);
        var agentPhone = await Far.MediaOfAsync("agent-7", Wait);
        var heardByAgent = 0;
        var heardByCustomer = 0;
        agentPhone.Session.AudioReceived += _ => Interlocked.Increment(ref heardByAgent);
        customerPhone.Session.AudioReceived += _ => Interlocked.Increment(ref heardByCustomer);
        using var talking = new CancellationTokenSource();
        // Nothing on our side plays audio, so any frame a phone hears came through the bridge from the other phone.
        var customerTalks = customerPhone.Session.PlayAsync(AudioClip.Tone(440, TimeSpan.FromSeconds(5)), talking.Token);
        var agentTalks = agentPhone.Session.PlayAsync(AudioClip.Tone(660, TimeSpan.FromSeconds(5)), talking.Token);
        await Eventually.TrueAsync(() => Volatile.Read(ref heardByAgent) >= 10 && Volatile.Read(ref heardByCustomer) >= 10, "audio relayed both ways", Wait,
            () => $"agent heard {heardByAgent}, customer heard {heardByCustomer}");
        await talking.CancelAsync();
        await IgnoreCancellationAsync(customerTalks);
        await IgnoreCancellationAsync(agentTalks);

        await Carrier.HangUpAsync("call-50");

        var customerCall = await Far.CallTo("+15550002250");
        await customerCall.Ended.WaitAsync(Wait);
        await WaitForEventAsync(CallEventKind.HungUp, "call-50");
        await Eventually.TrueAsync(() => channel.CurrentBridge is null, "the bridge to detach", Wait);
        Assert.True(Trunk.Agents.IsConnected("agent-7"));
        Assert.Equal(SipCallState.Established, agentCall.State);
    }

    [Fact]
    public async Task CustomerHangsUp_NextCustomerJoinsTheSameLeg_AgentHangsUp_ChannelDroppedAndCustomerKept()
    {
        var dropped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Trunk.Agents.ChannelDropped += agent => dropped.TrySetResult(agent);
        await AnsweredCallAsync("call-51", "+15550002251");
        await Carrier.BridgeAsync("call-51", new AgentEndpoint("agent-8", Far.UriFor("agent-8"))).WaitAsync(Wait);
        var channel = Trunk.Agents.Find("agent-8")!;

        // The customer hangs up (BYE from the far end): reported, and the agent stays on the line.
        var firstCustomer = await Far.CallTo("+15550002251").WaitAsync(Wait);
        await firstCustomer.HangUpAsync();
        await WaitForEventAsync(CallEventKind.HungUp, "call-51");
        await Eventually.TrueAsync(() => channel.CurrentBridge is null, "the bridge to detach", Wait);
        Assert.True(Trunk.Agents.IsConnected("agent-8"));

        // The next customer goes to the open channel: no URI needed, no new call to the phone.
        await AnsweredCallAsync("call-52", "+15550002252");
        await Carrier.BridgeAsync("call-52", new AgentEndpoint("agent-8")).WaitAsync(Wait);
        Assert.Same(channel, Trunk.Agents.Find("agent-8"));
        Assert.Equal("call-52", channel.CurrentCustomerCallId);

        // The agent hangs up the phone: the channel is reported dropped; the customer's call is the grain's to end.
        var agentCall = await Far.CallTo("agent-8").WaitAsync(Wait);
        await agentCall.HangUpAsync();
        Assert.Equal("agent-8", await dropped.Task.WaitAsync(Wait));
        Assert.False(Trunk.Agents.IsConnected("agent-8"));
        Assert.Equal(SipCallState.Established, Trunk.Stack.UserAgent.FindCall("call-52")?.State);
        await Carrier.HangUpAsync("call-52");
        await WaitForEventAsync(CallEventKind.HungUp, "call-52");
    }

    private async Task AnsweredCallAsync(string callId, string number)
    {
        await Carrier.PlaceCallAsync(new OutboundCallRequest(callId, "campaign-1", number, "+15550001111"));
        await WaitForEventAsync(CallEventKind.Answered, callId);
    }


    private static async Task IgnoreCancellationAsync(Task playing)
    {
        try
        {
            await playing;
        }
        catch (OperationCanceledException)
        {
            // The test stopped the tone once it had heard enough.
        }
    }
}
