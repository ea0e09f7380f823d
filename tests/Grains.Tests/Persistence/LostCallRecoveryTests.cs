using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Recovery;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ContactCenter.Grains.Tests.Persistence;

/// <summary>
/// What a silo that died mid-call leaves behind, built by hand: the call stored live, its lead Dialing
/// or Contacted on it, its agent Dialing or Connected on it, and no activation anywhere. One pass of the
/// call sweep must bring all three to rest, with nobody calling any API.
/// (The same through real processes and kill -9 is in tests/Cluster.Tests.)
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class LostCallRecoveryTests(GrainsCluster fixture)
{
    [Fact]
    public async Task CallLostWhileRinging_EndsLost_LeadRetriesByItsRules_AgentFreed_RecordWritten()
    {
        var (campaign, agent, lead, callId) = await LeaveOrphanAsync(connected: false);

        await fixture.Grains.GetGrain<ICallSweepGrain>(CallSweep.Key).SweepAsync();

        var record = await WaitForRecordAsync(callId);
        Assert.Equal(CallStatus.Failed, record.Status);
        Assert.Equal(CallOutcome.Lost, record.Outcome);
        var after = await fixture.Leads.GetAsync(lead.Id);
        Assert.NotNull(after);
        // One attempt of three used; Lost retries after the carrier-error delay (5 minutes by default).
        Assert.Equal(LeadStatus.New, after.Status);
        Assert.Equal(1, after.Attempts);
        Assert.Equal(nameof(CallOutcome.Lost), after.LastOutcome);
        Assert.NotNull(after.NextCallableAt);
        Assert.Null(after.CurrentCallId);
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.Ready, "the agent is Ready again");
        Assert.Equal(0, (await campaign.GetStatsAsync()).CallsInFlight);
    }

    [Fact]
    public async Task CallLostWhileConnected_Completes_AgentInWrapUp_WrapUpSettlesTheLead()
    {
        var (_, agent, lead, callId) = await LeaveOrphanAsync(connected: true);

        await fixture.Grains.GetGrain<ICallSweepGrain>(CallSweep.Key).SweepAsync();

        var record = await WaitForRecordAsync(callId);
        Assert.Equal(CallStatus.Completed, record.Status);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(AgentStatus.WrapUp, (await agent.GetAsync()).Status);
        Assert.Equal(LeadStatus.Contacted, (await fixture.Leads.GetAsync(lead.Id))!.Status);

        // The agent finishes as after any call; the call's state is gone once its record is final.
        await agent.CompleteWrapUpAsync(new Dispositions.WrapUpRequest("Sale", "closed after the outage"));
        Assert.Equal(LeadStatus.Done, (await fixture.Leads.GetAsync(lead.Id))!.Status);
        Assert.Equal("Sale", (await new CallRecordStore(fixture.Database).GetAsync(callId))!.Disposition);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'call' AND grainidextensionstring = $1", callId));
        // A second pass finds nothing left to do.
        await fixture.Grains.GetGrain<ICallSweepGrain>(CallSweep.Key).SweepAsync();
        Assert.Equal(AgentStatus.Ready, (await agent.GetAsync()).Status);
    }

    /// <summary>The state a dead silo leaves: call stored live, lead and agent on it, the call never activated here.</summary>
    private async Task<(ICampaignGrain Campaign, IAgentGrain Agent, Lead Lead, string CallId)> LeaveOrphanAsync(bool connected)
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto, lists: [list.Id]);
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        var callId = TestData.NewId("lost");
        await agent.ReserveAsync(callId);
        if (connected) await agent.ConnectAsync(callId);
        await fixture.Grains.GetGrain<ILeadGrain>(lead.Id).BeginDialAsync(callId, campaign.GetPrimaryKeyString());
        if (connected) await fixture.Grains.GetGrain<ILeadGrain>(lead.Id).RecordAttemptAsync(callId, CallOutcome.Answered, new RetryPolicy());

        var now = DateTimeOffset.UtcNow;
        var start = new CallStart(campaign.GetPrimaryKeyString(), lead.Id, lead.Phone, "+12125550000", agent.GetPrimaryKeyString(), null, 30, new RetryPolicy(), null, WrapUpTimeoutSeconds: null);
        var call = new CallSnapshot
        {
            Id = callId, CampaignId = start.CampaignId, LeadId = lead.Id, AgentId = start.AgentId, Destination = lead.Phone, CallerId = start.CallerId,
            Status = connected ? CallStatus.Connected : CallStatus.Ringing, CreatedAt = now, DialingAt = now, RingingAt = now,
            AnsweredAt = connected ? now : null, ConnectedAt = connected ? now : null,
        };
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        await storage.WriteStateAsync("call", GrainId.Create("call", callId), new GrainState<CallState>(new CallState { Call = call, Start = start }));
        return (campaign, agent, lead, callId);
    }

    private async Task<CallSnapshot> WaitForRecordAsync(string callId)
    {
        var records = new CallRecordStore(fixture.Database);
        CallSnapshot? record = null;
        await TestData.WaitUntilAsync(async () => (record = await records.GetAsync(callId)) is { EndedAt: not null }, "the lost call has its record");
        return record!;
    }

    private async Task<long> CountAsync(string sql, string parameter)
    {
        await using var cmd = fixture.Database.CreateCommand(sql);
        cmd.Parameters.Add(new() { Value = parameter });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
