using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Campaigns;

[Collection(GrainsCollection.Name)]
public sealed class PredictiveDialerTests(GrainsCluster fixture)
{
    [Fact]
    public async Task PredictiveCampaign_DialsAheadOfItsAgents_EveryAnsweredCallConnectedOrAbandonedAndRetried_NoAgentStuck()
    {
        const int agentCount = 6, leadCount = 300;
        var (list, _) = await fixture.CreateListAsync(leadCount);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Predictive,
            new CampaignSimulation { AnswerRate = 0.25, BusyRate = 0.25, NoAnswerRate = 0.4, VoicemailRate = 0.1, RingSeconds = 0.3, TalkSeconds = 0.3, Seed = 3 },
            [list.Id]);
        var definition = (await campaign.GetAsync()).Definition;
        await campaign.UpdateAsync(definition with
        {
            Retry = new RetryPolicy { MaxAttempts = 1 },
            Predictive = new PredictiveSettings { TargetAbandonRate = 0.05, WarmUpAttempts = 20, MinAgents = 2 },
        });
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
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await campaign.GetAsync()).Status != CampaignStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the campaign completes within 90 s");
            maxInFlight = Math.Max(maxInFlight, (await campaign.GetStatsAsync()).CallsInFlight);
            foreach (var agent in agents)
            {
                if ((await agent.GetAsync()).Status == AgentStatus.WrapUp)
                    await agent.CompleteWrapUpAsync(new WrapUpRequest("Not Interested"));
            }
            await Task.Delay(20);
        }

        var stats = await campaign.GetStatsAsync();
        Assert.True(maxInFlight > agentCount, $"dials ahead of its {agentCount} agents (at most {maxInFlight} calls in flight)");
        Assert.Equal(leadCount, stats.Counters.Dialed);
        Assert.Equal(stats.Counters.Dialed, stats.Counters.Answered + stats.Counters.Busy + stats.Counters.NoAnswer + stats.Counters.Voicemail + stats.Counters.Failed);
        Assert.Equal(stats.Counters.Answered, stats.Counters.Connected + stats.Counters.Abandoned - stats.Counters.ConnectedLate);
        Assert.NotNull(stats.AbandonRate);
        Assert.Equal(Math.Round((double)stats.Counters.Abandoned / stats.Counters.Answered, 4), stats.AbandonRate!.Today);
        Assert.Equal(stats.AbandonRate.Today, stats.AbandonRate.Last30Days);

        // Every answered call has a disposition: the agent's, or the system's Abandoned (and its lead is retried or done).
        await using var cmd = fixture.Database.CreateCommand(
            "SELECT count(*) FILTER (WHERE disposition IS NULL), count(*) FILTER (WHERE disposition = 'Abandoned'), count(*) FILTER (WHERE agent_id IS NOT NULL) FROM call_records WHERE campaign_id = $1 AND outcome = 'Answered'");
        cmd.Parameters.Add(new() { Value = campaign.GetPrimaryKeyString() });
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(0L, r.GetInt64(0));
            Assert.Equal(stats.Counters.Abandoned, (int)r.GetInt64(1));
            Assert.Equal(stats.Counters.Connected, (int)r.GetInt64(2));
        }
        await using var leadsCmd = fixture.Database.CreateCommand("SELECT count(*) FROM leads WHERE list_id = $1 AND status IN ('Dialing', 'Contacted', 'Queued')");
        leadsCmd.Parameters.Add(new() { Value = list.Id });
        Assert.Equal(0L, (long)(await leadsCmd.ExecuteScalarAsync())!);
        Assert.All(await Task.WhenAll(agents.Select(a => a.GetAsync())), a => Assert.Equal(AgentStatus.Ready, a.Status));
    }
}
