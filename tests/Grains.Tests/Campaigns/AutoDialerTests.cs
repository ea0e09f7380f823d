using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Campaigns;

[Collection(GrainsCollection.Name)]
public sealed class AutoDialerTests(GrainsCluster fixture)
{
    [Fact]
    public async Task AutoCampaign_SeveralAgents_DialsEveryLeadOnce_NeverMoreCallsThanAgents()
    {
        const int agentCount = 8, leadCount = 200;
        var (list, leads) = await fixture.CreateListAsync(leadCount);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto,
            new CampaignSimulation { AnswerRate = 0.5, BusyRate = 0.2, NoAnswerRate = 0.2, VoicemailRate = 0.1, RingSeconds = 0.05, TalkSeconds = 0.1, Seed = 7 },
            [list.Id]);
        var definition = (await campaign.GetAsync()).Definition;
        await campaign.UpdateAsync(definition with { Retry = new RetryPolicy { MaxAttempts = 1 } });
        var agents = new List<IAgentGrain>();
        for (var i = 0; i < agentCount; i++)
        {
            var agent = await TestData.CreateAgentAsync(fixture.Grains, $"Agent {i}");
            await agent.LoginAsync(campaign.GetPrimaryKeyString());
            await agent.ReadyAsync();
            agents.Add(agent);
        }
        await campaign.StartAsync();

        var maxInFlight = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await campaign.GetAsync()).Status != CampaignStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the campaign completes within a minute");
            maxInFlight = Math.Max(maxInFlight, (await campaign.GetStatsAsync()).CallsInFlight);
            foreach (var agent in agents)
            {
                if ((await agent.GetAsync()).Status == AgentStatus.WrapUp)
                    await agent.CompleteWrapUpAsync(new WrapUpRequest("Not Interested", "test"));
            }
            await Task.Delay(20);
        }

        Assert.InRange(maxInFlight, 1, agentCount);
        var stats = await campaign.GetStatsAsync();
        Assert.Equal(leadCount, stats.Counters.Dialed);
        Assert.Equal(stats.Counters.Dialed, stats.Counters.Answered + stats.Counters.Busy + stats.Counters.NoAnswer + stats.Counters.Voicemail + stats.Counters.Failed);
        Assert.Equal(0, stats.LeadsRemaining);

        // One CDR per lead, and at no instant more live calls than agents.
        await using var cmd = fixture.Database.CreateCommand("SELECT lead_id, dialing_at, ended_at FROM call_records WHERE campaign_id = $1");
        cmd.Parameters.Add(new() { Value = campaign.GetPrimaryKeyString() });
        var rows = new List<(long Lead, DateTimeOffset From, DateTimeOffset To)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2)));
        Assert.Equal(leadCount, rows.Count);
        Assert.Equal(leads.Select(l => l.Id).Order(), rows.Select(x => x.Lead).Order());
        var peak = rows.SelectMany(x => new[] { (x.From, +1), (x.To, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2)
            .Aggregate((Current: 0, Peak: 0), (acc, e) => (acc.Current + e.Item2, Math.Max(acc.Peak, acc.Current + e.Item2))).Peak;
        Assert.InRange(peak, 1, agentCount);
        Assert.All(await Task.WhenAll(agents.Select(a => a.GetAsync())), a => Assert.Equal(AgentStatus.Ready, a.Status));
    }
}
