using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>Our UAC against the real sipp acting as the called party.</summary>
[Collection(SippCollection.Name)]
public sealed class SippUacScenarioTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly UdpMediaEndpointFactory media = new();
    private readonly RecordingCallEventSink events = new();
    private SipStack? stack;
    private SippProcess? sipp;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (sipp is not null) await sipp.DisposeAsync();
        if (stack is not null) await stack.DisposeAsync();
    }

    private async Task<SipOutboundCall> CallSippAsync(string scenario, SipCredentials? credentials = null, TimeSpan? ringTimeout = null, bool tcp = false)
    {
        stack = SipTestStack.Start(media, credentials, ringTimeout, tcp, SipTestStack.SippTimers);
        sipp = tcp ? SippProcess.StartScenario(scenario, "-t", "t1") : SippProcess.StartScenario(scenario);
        await sipp.WaitUntilListeningAsync();
        var transport = tcp ? ";transport=tcp" : "";
        var request = new SipCallRequest(SipUri.Parse($"sip:+15550002222@127.0.0.1:{sipp.Port}{transport}"), "+15550001111") { CallerDisplayName = "Acme Sales" };
        return await stack.UserAgent.PlaceCallAsync(request, events);
    }

    private async Task AssertSippPassedAsync()
    {
        var exit = await sipp!.WaitForExitAsync(Wait);
        Assert.True(exit == 0, $"sipp exited with {exit}\n{sipp.Output}");
    }

    [Fact]
    public async Task Answered_HoldThenBye_SippScenarioPasses()
    {
        var call = await CallSippAsync("uas_answer_hold.xml");

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        var endpoint = media.Created[call.Id];
        var answered = Assert.Single(endpoint.Applied);
        Assert.Equal("PCMU", answered.Codec.Name);
        Assert.Equal(sipp!.MediaPort, answered.RemoteRtp.Port);
        Assert.Equal(101, answered.TelephoneEventPayloadType);

        Assert.True(await call.HoldAsync().WaitAsync(Wait));
        Assert.True(call.IsOnHold);
        Assert.Equal(ContactCenter.Telephony.Sdp.SdpDirection.SendOnly, endpoint.Applied[^1].Direction);

        await call.HangUpAsync();
        Assert.Equal(CallOutcome.Answered, await call.Ended.WaitAsync(Wait));
        await AssertSippPassedAsync();
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.HungUp], events.Kinds.Where(k => k != CallEventKind.Dialing));
        Assert.True(endpoint.Stopped);
        Assert.Equal(0, stack!.UserAgent.ActiveCallCount);
    }

    [Fact]
    public async Task EarlyMediaOn183_AppliedBeforeTheAnswer()
    {
        var call = await CallSippAsync("uas_early_media.xml");
        var endpoint = media.Created[call.Id];
        await WaitForAsync(() => endpoint.Applied.Count == 1);
        Assert.Equal(SipCallState.Ringing, call.State);
        Assert.Equal("PCMA", endpoint.Applied[0].Codec.Name);
        Assert.Equal(sipp!.MediaPort, endpoint.Applied[0].RemoteRtp.Port);

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        Assert.Equal(2, endpoint.Applied.Count);
        await call.HangUpAsync();
        await AssertSippPassedAsync();
        Assert.Equal([CallEventKind.Dialing, CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.HungUp], events.Kinds);
        Assert.Equal("183 Session Progress", events.Events[1].Detail);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Answered_SippHangsUp_ReportsHungUp(bool tcp)
    {
        var call = await CallSippAsync("uas_answer_remote_bye.xml", tcp: tcp);

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        Assert.Equal(CallOutcome.Answered, await call.Ended.WaitAsync(Wait));
        await AssertSippPassedAsync();
        var hungUp = events.Events[^1];
        Assert.Equal(CallEventKind.HungUp, hungUp.Kind);
        Assert.Equal("remote BYE", hungUp.Detail);
    }

    [Fact]
    public async Task SippPutsUsOnHold_ReinviteAnsweredRecvOnly()
    {
        var call = await CallSippAsync("uas_reinvite_hold.xml");
        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        var endpoint = media.Created[call.Id];

        for (var i = 0; i < 300 && endpoint.Applied.Count < 2; i++) await Task.Delay(10);
        Assert.True(endpoint.Applied.Count == 2, sipp!.Output);
        Assert.Equal(ContactCenter.Telephony.Sdp.SdpDirection.RecvOnly, endpoint.Applied[1].Direction);
        Assert.True(endpoint.Applied[1].IsSendingPaused);

        await call.HangUpAsync();
        await AssertSippPassedAsync();
    }

    [Fact]
    public async Task SippRefreshesWithoutSdp_WeOfferIn200AndApplyAnswerFromAck()
    {
        var call = await CallSippAsync("uas_reinvite_no_sdp.xml");
        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        var endpoint = media.Created[call.Id];

        for (var i = 0; i < 300 && endpoint.Applied.Count < 2; i++) await Task.Delay(10);
        Assert.True(endpoint.Applied.Count == 2, sipp!.Output);
        Assert.Equal("PCMA", endpoint.Applied[1].Codec.Name);

        await call.HangUpAsync();
        await AssertSippPassedAsync();
    }

    [Fact]
    public async Task Busy_MapsToBusyAndAcks()
    {
        var call = await CallSippAsync("uas_busy.xml");

        Assert.Equal(CallOutcome.Busy, await call.Setup.WaitAsync(Wait));
        Assert.Equal(CallOutcome.Busy, await call.Ended.WaitAsync(Wait));
        await AssertSippPassedAsync();
        var failed = events.Events[^1];
        Assert.Equal(CallEventKind.Failed, failed.Kind);
        Assert.Equal(CallOutcome.Busy, failed.Outcome);
    }

    [Fact]
    public async Task RingsForever_RingTimeoutCancels_NoAnswer()
    {
        var call = await CallSippAsync("uas_ring_until_cancel.xml", ringTimeout: TimeSpan.FromMilliseconds(700));

        Assert.Equal(CallOutcome.NoAnswer, await call.Setup.WaitAsync(Wait));
        Assert.Equal(487, call.FinalResponse!.StatusCode);
        await call.Ended.WaitAsync(Wait);
        await AssertSippPassedAsync();
        Assert.Contains(CallEventKind.Ringing, events.Kinds);
        Assert.Equal(CallOutcome.NoAnswer, events.Events[^1].Outcome);
    }

    [Fact]
    public async Task HangUpWhileRinging_CancelsWithOutcomeCancelled()
    {
        var call = await CallSippAsync("uas_ring_until_cancel.xml");
        await WaitForAsync(() => events.Kinds.Contains(CallEventKind.Ringing));

        await call.HangUpAsync();

        Assert.Equal(CallOutcome.Cancelled, await call.Setup.WaitAsync(Wait));
        await AssertSippPassedAsync();
    }

    [Fact]
    public async Task Challenge401_AnsweredOnceWithValidDigest()
    {
        var call = await CallSippAsync("uas_auth_401.xml", new SipCredentials("dialer", "s3cret"));

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        await call.HangUpAsync();
        await AssertSippPassedAsync();
    }

    [Fact]
    public async Task Challenge401_WrongPassword_SippVerifyAuthRejects()
    {
        // Proves the scenario's digest check can fail: a wrong password is never answered.
        var call = await CallSippAsync("uas_auth_401.xml", new SipCredentials("dialer", "not-the-password"));

        Assert.NotEqual(0, await sipp!.WaitForExitAsync(Wait));
        Assert.NotEqual(SipCallState.Established, call.State);
    }

    [Fact]
    public async Task Challenge407_AnsweredOnceWithValidProxyDigest()
    {
        var call = await CallSippAsync("uas_auth_407.xml", new SipCredentials("dialer", "s3cret"));

        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(Wait));
        await call.HangUpAsync();
        await AssertSippPassedAsync();
    }

    [Fact]
    public async Task SecondChallenge_FailsTheCall()
    {
        var call = await CallSippAsync("uas_auth_twice.xml", new SipCredentials("dialer", "wrong"));

        Assert.Equal(CallOutcome.CarrierError, await call.Setup.WaitAsync(Wait));
        Assert.Equal(401, call.FinalResponse!.StatusCode);
        await AssertSippPassedAsync();
    }

    [Fact]
    public async Task TwentyConcurrentCalls_ToSippBuiltInUas_AllAnsweredAndHungUp()
    {
        stack = SipTestStack.Start(media, timers: SipTestStack.SippTimers);
        sipp = SippProcess.Start(["-sn", "uas"], calls: 20);
        await sipp.WaitUntilListeningAsync();
        var target = SipUri.Parse($"sip:+15550002222@127.0.0.1:{sipp.Port}");

        var calls = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            stack.UserAgent.PlaceCallAsync(new SipCallRequest(target, "+15550001111") { CallId = $"bulk-{i}" })));
        var outcomes = await Task.WhenAll(calls.Select(c => c.Setup.WaitAsync(Wait)));
        Assert.All(outcomes, o => Assert.Equal(CallOutcome.Answered, o));
        await Task.WhenAll(calls.Select(c => c.HangUpAsync()));

        await AssertSippPassedAsync();
        Assert.Equal(0, stack.UserAgent.ActiveCallCount);
        Assert.Equal(20, media.Created.Count);
        Assert.All(media.Created.Values, m => Assert.True(m.Stopped));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
