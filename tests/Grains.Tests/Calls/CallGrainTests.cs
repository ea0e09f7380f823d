using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Tests.Calls;

[Collection(GrainsCollection.Name)]
public sealed class CallGrainTests(GrainsCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(ICallGrain Call, IAgentGrain Agent, Lead Lead, CallStart Start)> ReservedCallAsync(CampaignSimulation simulation)
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var campaign = await TestData.CreateCampaignAsync(Grains, DialerType.Preview, simulation, [list.Id]);
        var agent = await TestData.CreateAgentAsync(Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        var callId = TestData.NewId("call");
        await agent.ReserveAsync(callId);
        var start = new CallStart(campaign.GetPrimaryKeyString(), leads[0].Id, leads[0].Phone, "+12125550000", agent.GetPrimaryKeyString(), null, 30, new RetryPolicy(), simulation);
        return (Grains.GetGrain<ICallGrain>(callId), agent, leads[0], start);
    }

    private static readonly CampaignSimulation Answers = new() { AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 0.3 };
    private static readonly CampaignSimulation Busy = new() { AnswerRate = 0, BusyRate = 1, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05 };

    private async Task<CallSnapshot> WaitForAsync(ICallGrain call, CallStatus status)
    {
        await TestData.WaitUntilAsync(async () => (await call.GetAsync()).Status == status, $"call reaches {status}");
        return await call.GetAsync();
    }

    [Fact]
    public async Task Answered_IsConnectedToAgent_ThenCompletedWithCdrAndAgentInWrapUp()
    {
        var (call, agent, lead, start) = await ReservedCallAsync(Answers);
        var started = await call.StartAsync(start);
        Assert.Equal(CallStatus.Dialing, started.Status);
        var connected = await WaitForAsync(call, CallStatus.Connected);
        Assert.NotNull(connected.AnsweredAt);
        Assert.Equal(AgentStatus.Connected, (await agent.GetAsync()).Status);
        Assert.Equal(LeadStatus.Contacted, (await Grains.GetGrain<ILeadGrain>(lead.Id).GetAsync()).Status);

        var completed = await WaitForAsync(call, CallStatus.Completed);
        Assert.True(completed.CreatedAt <= completed.DialingAt && completed.DialingAt <= completed.AnsweredAt && completed.AnsweredAt <= completed.ConnectedAt && completed.ConnectedAt <= completed.EndedAt);
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "agent in WrapUp");
        var cdr = await new CallRecordStore(fixture.Database).GetAsync(completed.Id);
        Assert.NotNull(cdr);
        Assert.Equal(CallStatus.Completed, cdr.Status);
        Assert.Equal(CallOutcome.Answered, cdr.Outcome);

        var ready = await agent.CompleteWrapUpAsync(new WrapUpRequest("Sale", "great call", ["upsell"]));
        Assert.Equal(AgentStatus.Ready, ready.Status);
        var done = await Grains.GetGrain<ILeadGrain>(lead.Id).GetAsync();
        Assert.Equal(LeadStatus.Done, done.Status);
        Assert.Equal("Sale", done.Disposition);
        Assert.Equal("Sale", (await new CallRecordStore(fixture.Database).GetAsync(completed.Id))!.Disposition);
    }

    [Fact]
    public async Task Busy_FailsWithOutcome_LeadRetriesLater_AndCdrIsWritten()
    {
        var (call, agent, lead, start) = await ReservedCallAsync(Busy);
        await call.StartAsync(start);
        var failed = await WaitForAsync(call, CallStatus.Failed);
        Assert.Equal(CallOutcome.Busy, failed.Outcome);
        var retry = await Grains.GetGrain<ILeadGrain>(lead.Id).GetAsync();
        Assert.Equal(LeadStatus.New, retry.Status);
        Assert.Equal("Busy", retry.LastOutcome);
        Assert.Equal(CallStatus.Failed, (await new CallRecordStore(fixture.Database).GetAsync(failed.Id))!.Status);
        // The campaign is not running, so nothing else is dialed: the agent goes back to Ready.
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.Ready, "agent released to Ready");
    }

    [Fact]
    public async Task Start_Twice_IsRefused()
    {
        var (call, _, _, start) = await ReservedCallAsync(Busy);
        await call.StartAsync(start);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => call.StartAsync(start));
    }

    [Fact]
    public async Task Start_LeadAlreadyDialing_IsRefusedAndCallNeverExists()
    {
        var (call, _, lead, start) = await ReservedCallAsync(Busy);
        await Grains.GetGrain<ILeadGrain>(lead.Id).BeginDialAsync("someone-else", "c");
        await Assert.ThrowsAsync<InvalidTransitionException>(() => call.StartAsync(start));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => call.GetAsync());
    }

    [Fact]
    public async Task HangUp_RingingCall_FailsCancelled()
    {
        var (call, _, _, start) = await ReservedCallAsync(Answers with { RingSeconds = 20 });
        await call.StartAsync(start);
        await WaitForAsync(call, CallStatus.Ringing);
        await call.HangUpAsync();
        var failed = await WaitForAsync(call, CallStatus.Failed);
        Assert.Equal(CallOutcome.Cancelled, failed.Outcome);
    }

    [Fact]
    public async Task HangUp_FinishedCall_IsRefused()
    {
        var (call, _, _, start) = await ReservedCallAsync(Busy);
        await call.StartAsync(start);
        await WaitForAsync(call, CallStatus.Failed);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => call.HangUpAsync());
    }

    [Fact]
    public async Task CarrierEvents_OutOfOrder_AreIgnored()
    {
        var (call, _, _, start) = await ReservedCallAsync(Busy);
        await call.StartAsync(start);
        var failed = await WaitForAsync(call, CallStatus.Failed);
        await call.OnCarrierEventAsync(new CallProgress(CallEventKind.Answered, DateTimeOffset.UtcNow));
        await call.OnCarrierEventAsync(new CallProgress(CallEventKind.HungUp, DateTimeOffset.UtcNow));
        Assert.Equal(CallStatus.Failed, (await call.GetAsync()).Status);
    }

    [Fact]
    public async Task ApplyDisposition_UnknownName_FailsValidation_AndFailedCall_IsRefused()
    {
        var (call, agent, _, start) = await ReservedCallAsync(Answers with { TalkSeconds = 0.05 });
        await call.StartAsync(start);
        await WaitForAsync(call, CallStatus.Completed);
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "agent in WrapUp");
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => agent.CompleteWrapUpAsync(new WrapUpRequest("Maybe")));
        Assert.Contains("disposition", ex.Errors.Keys);
        Assert.Equal(AgentStatus.WrapUp, (await agent.GetAsync()).Status);

        var (busyCall, _, _, busyStart) = await ReservedCallAsync(Busy);
        await busyCall.StartAsync(busyStart);
        await WaitForAsync(busyCall, CallStatus.Failed);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => busyCall.ApplyDispositionAsync(new WrapUpRequest("Sale"), null));
    }
}
