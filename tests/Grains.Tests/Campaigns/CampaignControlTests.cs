using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Campaigns;

/// <summary>Pause, stop and resume as a supervisor uses them while calls are live.</summary>
[Collection(GrainsCollection.Name)]
public sealed class CampaignControlTests(GrainsCluster fixture)
{
    private static readonly CampaignSimulation LongTalk = new() { AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 1.0 };

    private async Task<(ICampaignGrain Campaign, List<IAgentGrain> Agents)> RunningAutoAsync(int agents, int leads)
    {
        var (list, _) = await fixture.CreateListAsync(leads);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto, LongTalk, [list.Id]);
        var team = new List<IAgentGrain>();
        for (var i = 0; i < agents; i++)
        {
            var agent = await TestData.CreateAgentAsync(fixture.Grains);
            await agent.LoginAsync(campaign.GetPrimaryKeyString());
            await agent.ReadyAsync();
            team.Add(agent);
        }
        await campaign.StartAsync();
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).CallsInFlight == agents, "every agent has a live call");
        return (campaign, team);
    }

    private static async Task WrapUpAllAsync(IEnumerable<IAgentGrain> agents)
    {
        foreach (var agent in agents)
            if ((await agent.GetAsync()).Status == AgentStatus.WrapUp) await agent.CompleteWrapUpAsync(new WrapUpRequest("Not Interested"));
    }

    [Fact]
    public async Task Pause_KeepsLiveCalls_DialsNothingNew_ResumeContinues()
    {
        var (campaign, agents) = await RunningAutoAsync(2, 6);
        var dialedAtPause = (await campaign.PauseAsync()).Status == CampaignStatus.Paused ? (await campaign.GetStatsAsync()).Counters.Dialed : -1;
        Assert.Equal(2, dialedAtPause);
        var live = await campaign.GetActiveCallIdsAsync();
        Assert.Equal(2, live.Count);
        Assert.All(await Task.WhenAll(live.Select(id => fixture.Grains.GetGrain<ICallGrain>(id).GetAsync())), c => Assert.True(c.IsLive));

        // The live calls end normally; the agents wrap up and are Ready, yet nothing is dialed while paused.
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).CallsInFlight == 0, "live calls finish while paused");
        await TestData.WaitUntilAsync(async () => (await Task.WhenAll(agents.Select(a => a.GetAsync()))).All(a => a.Status == AgentStatus.WrapUp), "agents in WrapUp");
        await WrapUpAllAsync(agents);
        await Task.Delay(600);
        Assert.Equal(2, (await campaign.GetStatsAsync()).Counters.Dialed);
        Assert.All(await Task.WhenAll(agents.Select(a => a.GetAsync())), a => Assert.Equal(AgentStatus.Ready, a.Status));

        await campaign.ResumeAsync();
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).Counters.Dialed == 4, "resume dials for both agents again");
        await campaign.StopAsync();
    }

    [Fact]
    public async Task Stop_LetsLiveCallsFinish_AndReleasesTheHopper()
    {
        var (campaign, agents) = await RunningAutoAsync(2, 6);
        await campaign.StopAsync();
        Assert.Equal(2, (await campaign.GetStatsAsync()).CallsInFlight);
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).CallsInFlight == 0, "live calls finish after stop");
        var stats = await campaign.GetStatsAsync();
        Assert.Equal(2, stats.Counters.Connected);
        Assert.Equal(0, stats.HopperSize);
        await using var cmd = fixture.Database.CreateCommand("SELECT count(*) FROM leads WHERE queued_by = $1");
        cmd.Parameters.Add(new() { Value = campaign.GetPrimaryKeyString() });
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        await TestData.WaitUntilAsync(async () => (await Task.WhenAll(agents.Select(a => a.GetAsync()))).All(a => a.Status == AgentStatus.WrapUp), "agents in WrapUp");
        await WrapUpAllAsync(agents);
        await Task.Delay(400);
        Assert.Equal(2, (await campaign.GetStatsAsync()).Counters.Dialed);
    }
}
