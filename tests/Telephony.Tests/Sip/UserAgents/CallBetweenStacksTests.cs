using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>Our UAC calling our UAS over real loopback sockets.</summary>
public sealed class CallBetweenStacksTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly UdpMediaEndpointFactory callerMedia = new();
    private readonly UdpMediaEndpointFactory calleeMedia = new([SdpCodec.Pcma, SdpCodec.TelephoneEvent]);
    private readonly RecordingCallEventSink callerEvents = new();
    private readonly RecordingCallEventSink calleeEvents = new();
    private SipStack caller = null!;
    private SipStack callee = null!;
    private readonly TaskCompletionSource<SipInboundCall> inbound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync()
    {
        caller = SipTestStack.Start(callerMedia, tcp: true);
        callee = SipTestStack.Start(calleeMedia, tcp: true);
        callee.UserAgent.InboundCallEvents = calleeEvents;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await caller.DisposeAsync();
        await callee.DisposeAsync();
    }

    private SipUri CalleeUri(SipProtocol protocol) =>
        SipUri.Parse($"sip:+15550003333@127.0.0.1:{callee.LocalEndPoint(protocol).Port}" + (protocol == SipProtocol.Tcp ? ";transport=tcp" : ""));

    private void AnswerAfterRinging() => callee.UserAgent.IncomingCall = async call =>
    {
        inbound.TrySetResult(call);
        await call.RingAsync();
        await call.AnswerAsync();
    };

    [Theory]
    [InlineData(SipProtocol.Udp)]
    [InlineData(SipProtocol.Tcp)]
    public async Task Call_AnsweredNegotiatesCommonCodec_CallerHangsUp(SipProtocol protocol)
    {
        AnswerAfterRinging();
        var call = await caller.UserAgent.PlaceCallAsync(new SipCallRequest(CalleeUri(protocol), "+15550001111"), callerEvents);

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        var uas = await inbound.Task.WaitAsync(Wait);
        await WaitForAsync(() => uas.State == SipCallState.Established);
        Assert.Equal("+15550001111", uas.Caller.Uri.User);
        Assert.Equal("+15550001111", uas.AssertedIdentity!.Uri.User);
        Assert.Equal("PCMA", call.NegotiatedMedia!.Codec.Name);
        Assert.Equal(calleeMedia.Created[uas.Id].LocalRtpEndPoint, call.NegotiatedMedia.RemoteRtp);
        Assert.Equal(callerMedia.Created[call.Id].LocalRtpEndPoint, uas.NegotiatedMedia!.RemoteRtp);

        await call.HangUpAsync();
        await uas.Ended.WaitAsync(Wait);
        Assert.Equal([CallEventKind.Dialing, CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.HungUp], callerEvents.Kinds);
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.HungUp], calleeEvents.Kinds);
        await WaitForAsync(() => caller.UserAgent.ActiveCallCount == 0 && callee.UserAgent.ActiveCallCount == 0);
    }

    [Fact]
    public async Task CompletedCalls_LeaveNoTransactionsOrCalls()
    {
        // Very short timers (T1 = 10 ms, 64·T1 = 640 ms) so every Timer D/J/K runs out quickly.
        var timers = SipTestStack.FastTimers with { T1 = TimeSpan.FromMilliseconds(10), T2 = TimeSpan.FromMilliseconds(80), T4 = TimeSpan.FromMilliseconds(100), TimerD = TimeSpan.FromMilliseconds(640) };
        await using var a = SipTestStack.Start(new UdpMediaEndpointFactory(), timers: timers);
        await using var b = SipTestStack.Start(new UdpMediaEndpointFactory(), timers: timers);
        var answered = 0;
        b.UserAgent.IncomingCall = async call =>
        {
            // Alternate answer and reject so both INVITE server paths run.
            if (Interlocked.Increment(ref answered) % 2 == 0) await call.RejectAsync(486);
            else await call.AnswerAsync();
        };
        var target = SipUri.Parse($"sip:+15550003333@127.0.0.1:{b.LocalEndPoint(SipProtocol.Udp).Port}");

        for (var i = 0; i < 6; i++)
        {
            var call = await a.UserAgent.PlaceCallAsync(new SipCallRequest(target, "+15550001111"));
            if (await call.Setup.WaitAsync(Wait) == CallOutcome.Answered) await call.HangUpAsync();
            await call.Ended.WaitAsync(Wait);
        }

        await WaitForAsync(() => a.Transactions.ClientTransactionCount + a.Transactions.ServerTransactionCount
            + b.Transactions.ClientTransactionCount + b.Transactions.ServerTransactionCount == 0);
        await WaitForAsync(() => a.UserAgent.ActiveCallCount + b.UserAgent.ActiveCallCount == 0);
    }

    [Fact]
    public async Task Ipv6Loopback_CallAnsweredAndHungUp()
    {
        var options = new SipStackOptions { Udp = new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 0), Timers = SipTestStack.FastTimers };
        await using var a = SipStack.Start(options, new UdpMediaEndpointFactory(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await using var b = SipStack.Start(options, new UdpMediaEndpointFactory(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        b.UserAgent.IncomingCall = async call => await call.AnswerAsync();

        var target = SipUri.Parse($"sip:+15550003333@[::1]:{b.LocalEndPoint(SipProtocol.Udp).Port}");
        var call = await a.UserAgent.PlaceCallAsync(new SipCallRequest(target, "+15550001111"));

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        Assert.StartsWith("[::1]", call.Dialog!.LocalParty.Uri.Host);
        await call.HangUpAsync();
        await WaitForAsync(() => b.UserAgent.ActiveCallCount == 0);
    }

    [Fact]
    public async Task Callee_HangsUp_CallerSeesRemoteBye()
    {
        AnswerAfterRinging();
        var call = await caller.UserAgent.PlaceCallAsync(new SipCallRequest(CalleeUri(SipProtocol.Udp), "+15550001111"), callerEvents);
        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        var uas = await inbound.Task.WaitAsync(Wait);
        await WaitForAsync(() => uas.State == SipCallState.Established);

        await uas.HangUpAsync();

        Assert.Equal(CallOutcome.Answered, await call.Ended.WaitAsync(Wait));
        Assert.Equal("remote BYE", callerEvents.Events[^1].Detail);
    }

    [Fact]
    public async Task Callee_HoldsAndResumes_CallerAnswersReinvite()
    {
        AnswerAfterRinging();
        var call = await caller.UserAgent.PlaceCallAsync(new SipCallRequest(CalleeUri(SipProtocol.Udp), "+15550001111"), callerEvents);
        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        var uas = await inbound.Task.WaitAsync(Wait);
        await WaitForAsync(() => uas.State == SipCallState.Established);

        Assert.True(await uas.HoldAsync().WaitAsync(Wait));
        var callerEndpoint = callerMedia.Created[call.Id];
        await WaitForAsync(() => callerEndpoint.Applied.Count == 2);
        // The callee offered sendonly, so the caller now only receives.
        Assert.Equal(SdpDirection.RecvOnly, callerEndpoint.Applied[^1].Direction);

        Assert.True(await uas.ResumeAsync().WaitAsync(Wait));
        await WaitForAsync(() => callerEndpoint.Applied.Count == 3);
        Assert.Equal(SdpDirection.SendRecv, callerEndpoint.Applied[^1].Direction);

        await call.HangUpAsync();
        await uas.Ended.WaitAsync(Wait);
    }

    [Fact]
    public async Task Callee_Rejects_CallerGetsMappedOutcome()
    {
        callee.UserAgent.IncomingCall = call => call.RejectAsync(SipStatus.Decline);
        var call = await caller.UserAgent.PlaceCallAsync(new SipCallRequest(CalleeUri(SipProtocol.Udp), "+15550001111"), callerEvents);

        Assert.Equal(CallOutcome.Rejected, await call.Setup.WaitAsync(Wait));
        Assert.Equal(603, call.FinalResponse!.StatusCode);
    }

    [Fact]
    public async Task NoCommonCodec_CalleeAnswers488()
    {
        await using var pcmuOnly = SipTestStack.Start(new UdpMediaEndpointFactory([SdpCodec.Pcmu]));
        callee.UserAgent.IncomingCall = async call => await call.AnswerAsync();
        var request = new SipCallRequest(CalleeUri(SipProtocol.Udp), "+15550001111");
        var call = await pcmuOnly.UserAgent.PlaceCallAsync(request, callerEvents);

        Assert.Equal(CallOutcome.CarrierError, await call.Setup.WaitAsync(Wait));
        Assert.Equal(488, call.FinalResponse!.StatusCode);
    }

    [Fact]
    public async Task TcpConnectionRefused_FailsAsCarrierError()
    {
        var nobody = SipUri.Parse($"sip:+15550004444@127.0.0.1:{FreePort.Next()};transport=tcp");
        var call = await caller.UserAgent.PlaceCallAsync(new SipCallRequest(nobody, "+15550001111"), callerEvents);

        // RFC 3261 §8.1.3.1: a transport error is treated as a 503.
        Assert.Equal(CallOutcome.CarrierError, await call.Setup.WaitAsync(Wait));
        Assert.Equal(503, call.FinalResponse!.StatusCode);
        await call.Ended.WaitAsync(Wait);
        Assert.Equal(0, caller.Transactions.ClientTransactionCount);
    }

    [Fact]
    public async Task Ping_PeerAnswersOptionsWithAllow()
    {
        var response = await caller.UserAgent.PingAsync(CalleeUri(SipProtocol.Udp)).WaitAsync(Wait);
        Assert.Equal(200, response.StatusCode);
        Assert.Contains("INVITE", response.Headers.Get("Allow"));

        var overTcp = await caller.UserAgent.PingAsync(CalleeUri(SipProtocol.Tcp)).WaitAsync(Wait);
        Assert.Equal(200, overTcp.StatusCode);
    }

    [Fact]
    public async Task Unreachable_TimesOutAsNoAnswer()
    {
        var nobody = SipUri.Parse($"sip:+15550004444@127.0.0.1:{FreePort.Next()}");
        var call = await caller.UserAgent.PlaceCallAsync(new SipCallRequest(nobody, "+15550001111"), callerEvents);

        // Timer B (64·T1 = 3.2 s with the fast timers) gives a local 408.
        Assert.Equal(CallOutcome.NoAnswer, await call.Setup.WaitAsync(Wait));
        Assert.Equal(0, caller.Transactions.ClientTransactionCount);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
