using ContactCenter.Grains.Pacing;
using System.Text.Json.Nodes;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Grains.Trunks;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

[Collection(GrainsCollection.Name)]
public sealed class BroadcastDialerTests(GrainsCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Broadcast_FiftyLeads_RateCapHeldAndEveryConversationStoredWithItsDisposition()
    {
        const double rate = 10;
        var (list, leads) = await fixture.CreateListAsync(50);
        var scriptId = await SaveScriptAsync(BroadcastScripts.Renewal("nobody-" + Guid.NewGuid().ToString("N")[..6]));
        var campaign = await CreateBroadcastAsync(scriptId, [list.Id], rate, maxConcurrent: 50, trunk: null, new CampaignSimulation
        {
            AnswerRate = 0.9, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0.1, RingSeconds = 0.2, TalkSeconds = 30, Seed = 7,
            CallerReplies = BroadcastScripts.Behaviours.Select(b => b.Replies.ToList()).ToList(),
        });
        var startedAt = DateTimeOffset.UtcNow;
        await campaign.StartAsync();
        var calls = await WaitForCallsAsync(campaign, leads.Count);

        // Rate: a token bucket of `rate` per second that saves at most one pacing turn's worth (2.5 calls here).
        var starts = calls.Select(c => c.DialingAt).Order().ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var inWindow = starts.Skip(i).TakeWhile(t => t < starts[i].AddSeconds(1)).Count();
            // Tolerance: one turn's calls whose set-up was delayed may land in the next second's window.
            Assert.True(inWindow <= rate + 3 + 2, $"{inWindow} calls started within one second from {starts[i]:O}");
        }
        var span = (starts[^1] - starts[0]).TotalSeconds;
        // The bucket needs (50 - 3) / rate seconds between the first and last decision; a slow first call set-up (cold
        // activation on a busy machine) can delay the first record by up to a second. Uncapped, 50 calls start in one turn.
        Assert.True(span >= (leads.Count - 3) / rate * 0.85 - 1, $"50 calls started within {span:F2} s; the cap is {rate}/s");

        var answered = calls.Where(c => c.Outcome == "Answered").ToList();
        Assert.True(answered.Count >= 35, $"only {answered.Count} answered");
        var seen = new HashSet<int>();
        foreach (var call in answered)
        {
            var details = call.Details ?? throw new Xunit.Sdk.XunitException($"call {call.CallId} has no conversation");
            var behaviour = details["simulatedBehaviour"]!.GetValue<int>();
            seen.Add(behaviour);
            var expected = BroadcastScripts.Behaviours[behaviour].Disposition;
            Assert.Equal(expected, call.Disposition);
            Assert.Equal(expected, details["disposition"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(details["summary"]!.GetValue<string>()));
            Assert.NotNull(details["sentiment"]!["label"]);
            Assert.Contains(details["transcript"]!.AsArray(), t => t!["speaker"]!.GetValue<string>() == "agent");
            Assert.Equal(scriptId, details["scriptId"]!.GetValue<string>());

            var lead = await Grains.GetGrain<ILeadGrain>(call.LeadId).GetAsync();
            switch (behaviour)
            {
                case 0:
                    Assert.Equal(LeadStatus.DoNotCall, lead.Status);
                    Assert.True(await IsOnDncAsync(call.Destination), $"{call.Destination} is not on the DNC list");
                    Assert.Contains("stop", details["intents"]!.AsArray().Select(i => i!.GetValue<string>()));
                    break;
                case 1:
                    Assert.Equal(LeadStatus.Callback, lead.Status);
                    Assert.True(lead.NextCallableAt > startedAt.AddHours(1), $"callback at {lead.NextCallableAt:O}");
                    Assert.NotNull(details["slots"]!["day"]);
                    break;
                case 2:
                    Assert.Equal(LeadStatus.Done, lead.Status);
                    break;
                case 3:
                    Assert.Equal("no-agent", details["transfer"]!["result"]!.GetValue<string>());
                    Assert.Equal(LeadStatus.Callback, lead.Status);
                    break;
                default:
                    Assert.Equal(LeadStatus.New, lead.Status); // No Answer retries later
                    break;
            }
        }
        Assert.True(seen.Count >= 5, $"only behaviours {string.Join(",", seen)} were drawn");
        Assert.Contains(0, seen);
        Assert.Contains(1, seen);

        foreach (var call in calls.Where(c => c.Outcome == "Voicemail"))
        {
            Assert.Equal("leaveMessage", call.Details!["voicemail"]!.GetValue<string>());
            Assert.Contains("call Acme Insurance back", call.Details!["voicemailMessage"]!.GetValue<string>());
            // The script maps voicemail to its Voicemail disposition: on the record and in the campaign's counts.
            Assert.Equal("Voicemail", call.Disposition);
            Assert.Equal("Voicemail", call.Details!["disposition"]!.GetValue<string>());
        }
        var voicemails = calls.Count(c => c.Outcome == "Voicemail");
        Assert.True(voicemails > 0, "the simulation drew no machine");
        Assert.Equal(voicemails, (await campaign.GetStatsAsync()).Counters.Dispositions.GetValueOrDefault("Voicemail"));
        Assert.Equal(0, (await campaign.GetStatsAsync()).CallsInFlight);
    }

    [Fact]
    public async Task Broadcast_ConcurrencyCap_NeverMoreCallsInFlight()
    {
        var (list, leads) = await fixture.CreateListAsync(30);
        var scriptId = await SaveScriptAsync(BroadcastScripts.Renewal("nobody"));
        var campaign = await CreateBroadcastAsync(scriptId, [list.Id], maxCallsPerSecond: 200, maxConcurrent: 3, trunk: null, Answering(["no thanks"], ring: 0.3));
        await campaign.StartAsync();
        // The stats say honestly what the campaign asked, what it gets, and why it gets less.
        BroadcastPaceStats? pace = null;
        await TestData.WaitUntilAsync(async () => (pace = (await campaign.GetStatsAsync()).Broadcast) is { LimitedBy: "maxConcurrentCalls", AchievedCallsPerSecond: > 0 },
            "the stats to name the concurrency cap as the limit", 10000);
        Assert.Equal(200, pace!.AskedCallsPerSecond);
        Assert.InRange(pace.AchievedCallsPerSecond, 0.1, 50);
        Assert.Null(pace.SpeechConversationsMax); // the simulated carrier speaks text: no decoders
        var calls = await WaitForCallsAsync(campaign, leads.Count);

        var peak = PeakOverlap(calls);
        Assert.True(peak <= 3, $"{peak} calls overlapped; the cap is 3");
        Assert.True(peak >= 2, $"calls ran one at a time (peak {peak}); the cap of 3 was never used");
        Assert.All(calls, c => Assert.Equal("Not Interested", c.Disposition));
    }

    [Fact]
    public async Task Broadcast_TwoCampaignsOnOneTrunk_TogetherStayWithinTheTrunkCapacity()
    {
        var scriptId = await SaveScriptAsync(BroadcastScripts.Renewal("nobody"));
        var (listA, leadsA) = await fixture.CreateListAsync(12);
        var (listB, leadsB) = await fixture.CreateListAsync(12);
        var a = await CreateBroadcastAsync(scriptId, [listA.Id], 200, 10, GrainsCluster.CappedTrunk, Answering(["no thanks"], ring: 0.3));
        var b = await CreateBroadcastAsync(scriptId, [listB.Id], 200, 10, GrainsCluster.CappedTrunk, Answering(["no thanks"], ring: 0.3));
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var calls = (await Task.WhenAll(WaitForCallsAsync(a, leadsA.Count), WaitForCallsAsync(b, leadsB.Count))).SelectMany(c => c).ToList();

        var peak = PeakOverlap(calls);
        Assert.True(peak <= GrainsCluster.CappedTrunkCapacity, $"{peak} calls overlapped on a trunk of {GrainsCluster.CappedTrunkCapacity}");
        var usage = await Grains.GetGrain<ITrunkGrain>(GrainsCluster.CappedTrunk).GetUsageAsync();
        Assert.Equal(GrainsCluster.CappedTrunkCapacity, usage.Peak);
        await TestData.WaitUntilAsync(async () => (await Grains.GetGrain<ITrunkGrain>(GrainsCluster.CappedTrunk).GetUsageAsync()).InUse == 0, "trunk slots released");
    }

    [Fact]
    public async Task Broadcast_TransferWithReadyAgent_BridgesTheCallToThatAgent()
    {
        var target = await TestData.CreateCampaignAsync(Grains, DialerType.Preview);
        var agent = await TestData.CreateAgentAsync(Grains);
        await agent.LoginAsync(target.GetPrimaryKeyString());
        await agent.ReadyAsync();
        var (list, _) = await fixture.CreateListAsync(1);
        var scriptId = await SaveScriptAsync(BroadcastScripts.Renewal(target.GetPrimaryKeyString()));
        var campaign = await CreateBroadcastAsync(scriptId, [list.Id], 5, 5, null, Answering(["yes please"], ring: 0.05, talk: 1));
        await campaign.StartAsync();

        var call = (await WaitForCallsAsync(campaign, 1)).Single();
        Assert.Equal(agent.GetPrimaryKeyString(), call.AgentId);
        Assert.Equal("connected", call.Details!["transfer"]!["result"]!.GetValue<string>());
        Assert.Null(call.Disposition); // the human agent gives it at wrap-up
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "agent in wrap-up after the transferred call");
        await agent.CompleteWrapUpAsync(new Dispositions.WrapUpRequest("Sale", "renewed"));
        await TestData.WaitUntilAsync(async () => (await ReadCallsAsync(campaign.GetPrimaryKeyString())).Single().Disposition == "Sale", "Sale on the record");
    }

    [Fact]
    public async Task Broadcast_TransferWithNobodyReady_ConversationTellsTheFailedTransferLikeTheDisposition()
    {
        var target = await TestData.CreateCampaignAsync(Grains, DialerType.Preview); // nobody logged in
        var (list, leads) = await fixture.CreateListAsync(1);
        var scriptId = await SaveScriptAsync(BroadcastScripts.Renewal(target.GetPrimaryKeyString()));
        var campaign = await CreateBroadcastAsync(scriptId, [list.Id], 5, 5, null, Answering(["yes please"], ring: 0.05, talk: 1));
        await campaign.StartAsync();

        var call = (await WaitForCallsAsync(campaign, 1)).Single();
        var details = call.Details!;
        Assert.Equal("no-agent", details["transfer"]!["result"]!.GetValue<string>());
        Assert.Equal("Callback", call.Disposition);
        Assert.Equal(LeadStatus.Callback, (await Grains.GetGrain<ILeadGrain>(leads[0].Id).GetAsync()).Status);
        // The conversation says what the lead and the record say: nobody took the call, so Callback.
        Assert.Equal("transfer-failed", details["outcome"]!.GetValue<string>());
        Assert.Equal("Callback", details["scriptDisposition"]!.GetValue<string>());
        Assert.Equal("Callback", details["disposition"]!.GetValue<string>());
        var summary = details["summary"]!.GetValue<string>();
        Assert.Contains("outcome transfer-failed (disposition Callback)", summary, StringComparison.Ordinal);
        Assert.Contains($"No human agent of campaign '{target.GetPrimaryKeyString()}' could take the call.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Transferred to a human agent", summary, StringComparison.Ordinal);
        Assert.Equal(summary, call.Notes);
    }

    [Fact]
    public async Task Broadcast_CallbackForASydneyLead_IsBookedForTomorrowAtTenInSydney()
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
        var (list, leads) = await fixture.CreateListAsync(1, "Australia/Sydney");
        var scriptId = await SaveScriptAsync(BroadcastScripts.Renewal("nobody"));
        var campaign = await CreateBroadcastAsync(scriptId, [list.Id], 5, 5, null, Answering(["call me tomorrow", "tomorrow"], ring: 0.05));
        await campaign.StartAsync();

        var call = (await WaitForCallsAsync(campaign, 1)).Single();
        var lead = await Grains.GetGrain<ILeadGrain>(leads[0].Id).GetAsync();
        Assert.Equal(LeadStatus.Callback, lead.Status);
        // The script says timeOfDay 10:00 on the day the person named: their tomorrow, their ten o'clock.
        var local = TimeZoneInfo.ConvertTime(lead.NextCallableAt!.Value, sydney);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(call.EndedAt!.Value, sydney).DateTime);
        Assert.Equal((today.AddDays(1), new TimeSpan(10, 0, 0)), (DateOnly.FromDateTime(local.DateTime), local.TimeOfDay));
    }

    [Fact]
    public async Task Broadcast_ScriptMissing_CampaignPausesWithoutDialing()
    {
        var (list, _) = await fixture.CreateListAsync(3);
        var campaign = await CreateBroadcastAsync("no-such-script", [list.Id], 5, 5, null, Answering(["no"]));
        await campaign.StartAsync();
        await TestData.WaitUntilAsync(async () => (await campaign.GetAsync()).Status == CampaignStatus.Paused, "campaign paused");
        Assert.Empty(await ReadCallsAsync(campaign.GetPrimaryKeyString()));
    }

    private static CampaignSimulation Answering(string[] replies, double ring = 0.2, double talk = 30) => new()
    {
        AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = ring, TalkSeconds = talk, CallerReplies = [[.. replies]],
    };

    private Task<string> SaveScriptAsync(string yaml) => TestData.SaveScriptAsync(fixture.Database, yaml);

    private async Task<ICampaignGrain> CreateBroadcastAsync(string scriptId, IReadOnlyList<long> lists, double maxCallsPerSecond, int maxConcurrent, string? trunk, CampaignSimulation simulation)
    {
        var campaign = Grains.GetGrain<ICampaignGrain>(TestData.NewId("broadcast"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Broadcast test", DialerType = DialerType.Broadcast, CallerId = "+12125550000", ListIds = [.. lists],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" },
            AgentScriptId = scriptId, MaxCallsPerSecond = maxCallsPerSecond, MaxConcurrentCalls = maxConcurrent, Trunk = trunk, Simulation = simulation,
        });
        return campaign;
    }

    private async Task<IReadOnlyList<CallRow>> WaitForCallsAsync(ICampaignGrain campaign, int count)
    {
        IReadOnlyList<CallRow> calls = [];
        await TestData.WaitUntilAsync(async () =>
        {
            calls = await ReadCallsAsync(campaign.GetPrimaryKeyString());
            // Conversation and voicemail details are written just after the record that ends the call.
            return calls.Count >= count && calls.All(c => c.EndedAt is not null && (c.Outcome is not ("Answered" or "Voicemail") || c.Details is not null));
        }, $"{count} finished calls", timeoutMs: 40000);
        return calls;
    }

    private async Task<IReadOnlyList<CallRow>> ReadCallsAsync(string campaignId)
    {
        await using var cmd = fixture.Database.CreateCommand("""
            SELECT call_id, lead_id, agent_id, destination, outcome, disposition, dialing_at, ended_at, CASE WHEN details = '{}'::jsonb THEN NULL ELSE details::text END, notes
            FROM call_records WHERE campaign_id = $1
            """);
        cmd.Parameters.Add(new() { Value = campaignId });
        var rows = new List<CallRow>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add(new CallRow(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
                r.IsDBNull(8) ? null : JsonNode.Parse(r.GetString(8)), r.IsDBNull(9) ? null : r.GetString(9)));
        }
        return rows;
    }

    private async Task<bool> IsOnDncAsync(string phone)
    {
        await using var cmd = fixture.Database.CreateCommand("SELECT count(*) FROM dnc_numbers WHERE phone = $1");
        cmd.Parameters.Add(new() { Value = phone });
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    /// <summary>The most call records whose dialing-to-end intervals overlap at one instant.</summary>
    private static int PeakOverlap(IEnumerable<CallRow> calls)
    {
        // Ends sort before starts at the same instant: a call that ended as the next began did not overlap it.
        var edges = calls.SelectMany(c => new[] { (At: c.DialingAt, Delta: 1), (At: c.EndedAt!.Value, Delta: -1) }).OrderBy(e => e.At).ThenBy(e => e.Delta);
        int live = 0, peak = 0;
        foreach (var (_, delta) in edges) peak = Math.Max(peak, live += delta);
        return peak;
    }

    private sealed record CallRow(string CallId, long LeadId, string? AgentId, string Destination, string? Outcome, string? Disposition, DateTimeOffset DialingAt, DateTimeOffset? EndedAt, JsonNode? Details, string? Notes);
}
