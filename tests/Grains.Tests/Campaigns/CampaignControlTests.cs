using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
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
    public async Task DetachList_GivesItsHeldLeadsBack_KeepsTheLiveCall_AndARunningCampaignKeepsOneList()
    {
        var (empty, _) = await fixture.CreateListAsync(0);
        var (list, _) = await fixture.CreateListAsync(20);
        var longRing = new CampaignSimulation { AnswerRate = 0, BusyRate = 0, NoAnswerRate = 1, VoicemailRate = 0, RingSeconds = 20 };
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto, longRing, [empty.Id, list.Id]);
        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        await campaign.StartAsync();
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).CallsInFlight == 1, "one call ringing");
        Assert.True((await campaign.GetStatsAsync()).HopperSize > 0);

        var snapshot = await campaign.DetachListAsync(list.Id);
        Assert.Equal([empty.Id], snapshot.Definition.ListIds);
        Assert.Equal(0, (await campaign.GetStatsAsync()).HopperSize);
        await using (var cmd = fixture.Database.CreateCommand("SELECT status, count(*) FROM leads WHERE list_id = $1 GROUP BY status ORDER BY status"))
        {
            cmd.Parameters.Add(new() { Value = list.Id });
            var byStatus = new Dictionary<string, long>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) byStatus[r.GetString(0)] = r.GetInt64(1);
            Assert.Equal(new Dictionary<string, long> { ["Dialing"] = 1, ["New"] = 19 }, byStatus);
        }
        Assert.Single(await campaign.GetActiveCallIdsAsync());

        var notAttached = await Assert.ThrowsAsync<EntityNotFoundException>(() => campaign.DetachListAsync(list.Id));
        Assert.Contains("not attached", notAttached.Message);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => campaign.DetachListAsync(empty.Id));
        await campaign.StopAsync();
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
