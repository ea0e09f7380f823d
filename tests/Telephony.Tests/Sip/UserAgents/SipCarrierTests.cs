using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

public sealed class SipCarrierTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly RecordingCallEventSink events = new();
    private readonly RecordingBridge bridge = new();
    private SipStack dialer = null!;
    private SipStack far = null!;
    private SipCarrier carrier = null!;

    public Task InitializeAsync()
    {
        dialer = SipTestStack.Start(new UdpMediaEndpointFactory());
        far = SipTestStack.Start(new UdpMediaEndpointFactory());
        far.UserAgent.IncomingCall = async call =>
        {
            if (call.Called.User == "+15550009999") await call.RejectAsync(486);
            else await call.AnswerAsync();
        };
        var trunk = SipUri.Parse($"sip:trunk@127.0.0.1:{far.LocalEndPoint(SipProtocol.Udp).Port}");
        carrier = new SipCarrier(dialer.UserAgent, new SipCarrierOptions(trunk), events, bridge);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await dialer.DisposeAsync();
        await far.DisposeAsync();
    }

    [Fact]
    public async Task PlaceCall_ReportsEventsUnderOurCallId_ThenHangUp()
    {
        await carrier.PlaceCallAsync(new OutboundCallRequest("call-42", "campaign-1", "+15550002222", "+15550001111"));
        await WaitForAsync(() => events.Kinds.Contains(CallEventKind.Answered));

        await carrier.HangUpAsync("call-42");

        await WaitForAsync(() => events.Kinds.Contains(CallEventKind.HungUp));
        Assert.All(events.Events, e => Assert.Equal("call-42", e.CallId));
    }

    [Fact]
    public async Task PlaceCall_Busy_ReportsFailedBusy()
    {
        await carrier.PlaceCallAsync(new OutboundCallRequest("call-43", "campaign-1", "+15550009999", "+15550001111"));
        await WaitForAsync(() => events.Kinds.Contains(CallEventKind.Failed));
        Assert.Equal(CallOutcome.Busy, events.Events[^1].Outcome);
    }

    [Theory]
    [InlineData("5550002222")]
    [InlineData("+1555 000")]
    [InlineData("+1555@evil")]
    public async Task PlaceCall_NonE164Destination_Refused(string destination)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => carrier.PlaceCallAsync(new OutboundCallRequest("call-44", "c", destination, "+15550001111")));
    }

    [Fact]
    public async Task Bridge_CallsAgentJoinsMediaAndHangsUpBothLegs()
    {
        await carrier.PlaceCallAsync(new OutboundCallRequest("call-45", "campaign-1", "+15550002222", "+15550001111"));
        await WaitForAsync(() => events.Kinds.Contains(CallEventKind.Answered));
        var agentUri = $"sip:agent-7@127.0.0.1:{far.LocalEndPoint(SipProtocol.Udp).Port}";

        await carrier.BridgeAsync("call-45", new AgentEndpoint("agent-7", agentUri)).WaitAsync(Wait);

        var (customer, agent) = Assert.Single(bridge.Bridged);
        Assert.Equal("call-45", customer.Id);
        Assert.Equal("agent-7", ((SipOutboundCall)agent).Destination.User);

        await carrier.HangUpAsync("call-45");
        await agent.Ended.WaitAsync(Wait);
        await customer.Ended.WaitAsync(Wait);
        await WaitForAsync(() => far.UserAgent.ActiveCallCount == 0);
    }

    [Fact]
    public async Task Bridge_UnknownCallOrMissingUri_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => carrier.BridgeAsync("nope", new AgentEndpoint("a", "sip:a@127.0.0.1")));
        await Assert.ThrowsAsync<ArgumentException>(() => carrier.BridgeAsync("nope", new AgentEndpoint("a")));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    private sealed class RecordingBridge : ICallBridge
    {
        public List<(SipCall Customer, SipCall Agent)> Bridged { get; } = [];

        public ValueTask BridgeAsync(SipCall customer, SipCall agent, CancellationToken cancellationToken = default)
        {
            lock (Bridged) Bridged.Add((customer, agent));
            return ValueTask.CompletedTask;
        }
    }
}
