using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ContactCenter.Grains.Tests.Agents;

/// <summary>
/// An agent held in Dialing by a call nobody will end for it: its campaign is not pacing (so no campaign
/// check ever asks after the agent), and the call was never placed or ended without the campaign hearing.
/// The agent must let go by itself within two of its check periods (10 s each).
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class AgentCallWatchTests(GrainsCluster fixture)
{
    private const int WithinMs = 35_000;

    [Fact]
    public async Task ReservedForACallNeverPlaced_AgentIsReadyAgainByItself()
    {
        var agent = await LoggedInReadyAgentAsync();
        var callId = TestData.NewId("never");
        await agent.ReserveAsync(callId);
        Assert.Equal(AgentStatus.Dialing, (await agent.GetAsync()).Status);

        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.Ready, "the agent lets go of a call never placed", WithinMs);
        Assert.Null((await agent.GetAsync()).CurrentCallId);
    }

    [Fact]
    public async Task ReservedForACallThatEndedUnheard_AgentIsReadyAgainByItself()
    {
        var agent = await LoggedInReadyAgentAsync();
        var callId = TestData.NewId("ended");
        await agent.ReserveAsync(callId);
        // What a failed call looks like whose report to its campaign was lost and whose state was not yet cleared.
        var now = DateTimeOffset.UtcNow;
        var start = new CallStart("no-such-campaign", 1, "+12125550100", "+12125550000", agent.GetPrimaryKeyString(), null, 30, new RetryPolicy(), null, WrapUpTimeoutSeconds: null);
        var call = new CallSnapshot
        {
            Id = callId, CampaignId = start.CampaignId, LeadId = 1, AgentId = start.AgentId, Destination = start.Destination, CallerId = start.CallerId,
            Status = CallStatus.Failed, Outcome = CallOutcome.Busy, CreatedAt = now, DialingAt = now, EndedAt = now,
        };
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        await storage.WriteStateAsync("call", GrainId.Create("call", callId), new GrainState<CallState>(new CallState { Call = call, Start = start, Finished = true }));
        Assert.Equal(CallLiveness.Ended, await fixture.Grains.GetGrain<ICallGrain>(callId).GetLivenessAsync());

        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.Ready, "the agent lets go of a call that ended unheard", WithinMs);
    }

    [Fact]
    public async Task DialingOnACallStillRinging_AgentStaysDialingPastTwoChecks()
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto, lists: [list.Id]);
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        var callId = TestData.NewId("ringing");
        await agent.ReserveAsync(callId);
        var ringing = new CampaignSimulation { AnswerRate = 0, BusyRate = 0, NoAnswerRate = 1, VoicemailRate = 0, RingSeconds = 60 };
        var start = new CallStart(campaign.GetPrimaryKeyString(), leads[0].Id, leads[0].Phone, "+12125550000", agent.GetPrimaryKeyString(), null, 60, new RetryPolicy(), ringing);
        await fixture.Grains.GetGrain<ICallGrain>(callId).StartAsync(start);

        // Two check periods and a margin: a live call keeps its agent.
        await Task.Delay(TimeSpan.FromSeconds(23));
        var now = await agent.GetAsync();
        Assert.Equal(AgentStatus.Dialing, now.Status);
        Assert.Equal(callId, now.CurrentCallId);
        await fixture.Grains.GetGrain<ICallGrain>(callId).HangUpAsync();
    }

    private async Task<IAgentGrain> LoggedInReadyAgentAsync()
    {
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto);
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        return agent;
    }
}
