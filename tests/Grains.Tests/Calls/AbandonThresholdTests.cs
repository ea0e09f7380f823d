using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Tests.Calls;

/// <summary>
/// A Predictive call answered while no agent is Ready waits up to the campaign's predictive.agentWaitSeconds for one
/// to free up (the US rule counts a call abandoned only after 2 s); past it, it is abandoned.
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class AbandonThresholdTests(GrainsCluster fixture)
{
    private static readonly CampaignSimulation AnswersAtOnce = new() { AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 5 };

    private async Task<(IAgentGrain Agent, ICallGrain Call, string CallId)> AnsweredWhileAgentPausedAsync(double agentWaitSeconds)
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Predictive, AnswersAtOnce, [list.Id]);
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString()); // Paused
        var callId = TestData.NewId("grace");
        var start = new CallStart(campaign.GetPrimaryKeyString(), leads[0].Id, leads[0].Phone, "+12125550000", null, null, 30, new RetryPolicy(), AnswersAtOnce,
            ConnectOnAnswer: true, AbandonAfterSeconds: 2, AgentWaitSeconds: agentWaitSeconds);
        var call = fixture.Grains.GetGrain<ICallGrain>(callId);
        await call.StartAsync(start);
        return (agent, call, callId);
    }

    [Fact]
    public async Task AgentFreeWithinTheThreshold_TakesTheCall_NotAbandoned()
    {
        var (agent, _, callId) = await AnsweredWhileAgentPausedAsync(agentWaitSeconds: 1.5);
        await Task.Delay(600); // answered after 50 ms; the agent comes back half a second later
        await agent.ReadyAsync();

        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()) is { Status: AgentStatus.Connected } a && a.CurrentCallId == callId,
            "the waiting call reaches the agent who became Ready", 5000);
        var record = await fixture.Grains.GetGrain<ICallGrain>(callId).GetAsync();
        Assert.Equal(CallStatus.Connected, record.Status);
        Assert.InRange((record.ConnectedAt!.Value - record.AnsweredAt!.Value).TotalSeconds, 0.4, 2);
    }

    [Fact]
    public async Task NoAgentWithinTheThreshold_Abandoned()
    {
        var (agent, _, callId) = await AnsweredWhileAgentPausedAsync(agentWaitSeconds: 0.5);
        await Task.Delay(1500);
        await agent.ReadyAsync();

        var records = new CallRecordStore(fixture.Database);
        CallSnapshot? record = null;
        await TestData.WaitUntilAsync(async () => (record = await records.GetAsync(callId)) is { EndedAt: not null }, "the abandoned call ends", 10000);
        Assert.Equal(Dispositions.DispositionSet.Abandoned.Name, record!.Disposition);
        Assert.Null(record.ConnectedAt);
        Assert.Equal(AgentStatus.Ready, (await agent.GetAsync()).Status);
    }
}
