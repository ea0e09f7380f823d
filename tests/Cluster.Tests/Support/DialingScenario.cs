using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// An Auto campaign on the simulated carrier as a supervisor sets it up over HTTP: a list of leads
/// (imported as CSV), agents assigned to the campaign, logged in and Ready. Dispositions are left out,
/// so the campaign stores the default set (the state that broke after a restart).
/// </summary>
public sealed class DialingScenario
{
    private DialingScenario(string campaignId, long listId, long firstLeadId, IReadOnlyList<string> agentIds, int leadCount, int maxAttempts)
    {
        CampaignId = campaignId;
        FirstLeadId = firstLeadId;
        ListId = listId;
        AgentIds = agentIds;
        LeadCount = leadCount;
        MaxAttempts = maxAttempts;
    }

    public string CampaignId { get; }

    public long ListId { get; }

    /// <summary>The lowest lead id of the list (imports do not number from 1).</summary>
    public long FirstLeadId { get; }

    public IReadOnlyList<string> AgentIds { get; }

    public int LeadCount { get; }

    public int MaxAttempts { get; }

    /// <summary>Leads seen with two live calls at once in any sample of the active calls.</summary>
    public HashSet<long> LeadsWithTwoLiveCalls { get; } = [];

    public static async Task<DialingScenario> CreateAsync(ApiClient api, Report report, string name, int leads, int agents, JsonObject simulation, int maxAttempts = 1)
    {
        var listId = (await api.PostOkAsync("/api/lists", new { name = $"{name} leads", defaultRegion = "US" }))["id"]!.GetValue<long>();
        var csv = new StringBuilder("first_name,last_name,phone\n");
        // Manhattan numbers +1 212 734 0000 and up: valid, distinct, all in one time zone.
        for (var i = 0; i < leads; i++) csv.Append(CultureInfo.InvariantCulture, $"Lead,{name}{i},+1212734{i:0000}\n");
        var import = await api.ImportLeadsAsync(listId, csv.ToString(), TimeSpan.FromSeconds(60));
        if (import["imported"]!.GetValue<long>() != leads) throw new InvalidOperationException($"Import of {leads} leads: {import.ToJsonString()}");

        var firstLeadId = (await api.GetOkAsync($"/api/leads?listId={listId}&sort=id&limit=1"))["items"]![0]!["id"]!.GetValue<long>();

        var agentIds = Enumerable.Range(1, agents).Select(i => string.Create(CultureInfo.InvariantCulture, $"{name}-agent-{i:00}")).ToList();
        foreach (var id in agentIds) await api.PostOkAsync("/api/agents", new { name = id, id });

        var campaign = new JsonObject
        {
            ["name"] = name,
            ["dialerType"] = "Auto",
            ["callerId"] = "+12125550000",
            ["listIds"] = new JsonArray(listId),
            ["agentIds"] = new JsonArray([.. agentIds.Select(a => (JsonNode)a)]),
            ["retry"] = new JsonObject { ["maxAttempts"] = maxAttempts },
            ["wrapUpTimeoutSeconds"] = 1,
            // Any hour of the day: the test must not depend on when it runs.
            ["callingWindow"] = new JsonObject { ["start"] = "00:00", ["end"] = "23:59" },
            ["simulation"] = simulation,
        };
        var campaignId = (await api.PostOkAsync("/api/campaigns", campaign))["id"]!.GetValue<string>();
        foreach (var id in agentIds)
        {
            await api.PostOkAsync($"/api/agents/{id}/login", new { campaignId });
            await api.PostOkAsync($"/api/agents/{id}/ready");
        }
        report.Line($"campaign {campaignId}: {leads} leads in list {listId}, {agents} agents Ready, maxAttempts {maxAttempts}, simulation {simulation.ToJsonString()}");
        return new DialingScenario(campaignId, listId, firstLeadId, agentIds, leads, maxAttempts);
    }

    public async Task StartAsync(ApiClient api, Report report)
    {
        var started = await api.PostOkAsync($"/api/campaigns/{CampaignId}/start");
        report.Line($"campaign {CampaignId} {started["status"]}");
    }

    /// <summary>The campaign's live calls (touches the campaign grain); null when the API did not answer 200.</summary>
    public async Task<List<JsonNode>?> LiveCallsAsync(ApiClient api)
    {
        var response = await api.GetAsync($"/api/calls?state=active&campaignId={CampaignId}&limit=1000");
        if (!response.IsSuccess) return null;
        var calls = response.Json["items"]!.AsArray().Select(c => c!).ToList();
        foreach (var twice in calls.Where(c => c["leadId"] is not null).GroupBy(c => c["leadId"]!.GetValue<long>()).Where(g => g.Count() > 1))
        {
            LeadsWithTwoLiveCalls.Add(twice.Key);
        }
        return calls;
    }

    /// <summary>
    /// Waits for the campaign to complete, at most <paramref name="max"/>, and gives up earlier when
    /// no call record was added for <paramref name="stall"/> (a stuck campaign need not be waited for).
    /// Meanwhile it samples the live calls (a lead on two at once) and the agents: an agent left Ready
    /// for long while the campaign still dials is an agent the dialer lost track of.
    /// </summary>
    public async Task<bool> WaitForCompletionAsync(ApiClient api, DatabaseProbe db, Checks checks, Report report, TimeSpan max, TimeSpan stall)
    {
        var started = DateTime.UtcNow;
        var lastProgress = DateTime.UtcNow;
        var lastReport = DateTime.MinValue;
        var idle = new Dictionary<string, (DateTimeOffset Since, DateTimeOffset LastSeen)>();
        long records = -1;
        var sample = 0;
        var completed = false;
        while (true)
        {
            var campaign = await api.GetAsync($"/api/campaigns/{CampaignId}", TimeSpan.FromSeconds(5));
            var status = campaign.IsSuccess ? campaign.Json["status"]!.GetValue<string>() : campaign.Describe(200);
            long now;
            try
            {
                now = await db.CountRecordsAsync(CampaignId);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                now = records;
            }
            if (now != records)
            {
                records = now;
                lastProgress = DateTime.UtcNow;
            }
            if (++sample % 3 == 0)
            {
                await LiveCallsAsync(api);
                // Only while plenty of leads are left: near the end agents rightly wait for nothing.
                if (status == "Running" && records < (long)LeadCount * MaxAttempts - 2L * AgentIds.Count) await SampleIdleAgentsAsync(api, idle);
            }
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = DateTime.UtcNow;
                report.Line($"campaign {status}, {records} call records");
            }
            if (status == "Completed")
            {
                report.Line($"campaign Completed with {records} call records, {(DateTime.UtcNow - started).TotalSeconds:0.0} s after the wait began");
                completed = true;
                break;
            }
            if (DateTime.UtcNow - lastProgress > stall)
            {
                report.Line($"campaign {status}: no new call record for {stall.TotalSeconds:0} s ({records} records); giving up waiting");
                break;
            }
            if (DateTime.UtcNow - started > max)
            {
                report.Line($"campaign {status} after {max.TotalSeconds:0} s ({records} records); giving up waiting");
                break;
            }
            await Task.Delay(1000);
        }
        // Calls take a few seconds here. An agent whose Ready report was lost with a silo or a database
        // write is found by the campaign's periodic check (30 s at most); longer means it was forgotten.
        var forgotten = idle.Where(a => a.Value.LastSeen - a.Value.Since > TimeSpan.FromSeconds(35))
            .OrderByDescending(a => a.Value.LastSeen - a.Value.Since)
            .Select(a => $"{a.Key} Ready from {a.Value.Since:HH:mm:ss.fff} to at least {a.Value.LastSeen:HH:mm:ss.fff}").ToList();
        checks.That(forgotten.Count == 0, "no agent waits Ready for more than 35 s while the campaign still dials",
            forgotten.Count == 0 ? "none" : $"{forgotten.Count} of {AgentIds.Count}: {string.Join("; ", forgotten.Take(6))}{(forgotten.Count > 6 ? "; …" : "")}");
        return completed;
    }

    private async Task SampleIdleAgentsAsync(ApiClient api, Dictionary<string, (DateTimeOffset Since, DateTimeOffset LastSeen)> idle)
    {
        var response = await api.GetAsync("/api/agents", TimeSpan.FromSeconds(5));
        if (!response.IsSuccess) return;
        foreach (var agent in response.Json.AsArray().Select(a => a!).Where(a => AgentIds.Contains(a["id"]!.GetValue<string>())))
        {
            var id = agent["id"]!.GetValue<string>();
            var since = agent["statusSince"]!.GetValue<DateTimeOffset>();
            if (agent["status"]!.GetValue<string>() != "Ready") continue;
            // The longest Ready stretch seen per agent; a new stretch replaces a shorter one.
            if (!idle.TryGetValue(id, out var seen) || seen.Since == since || response.SentAt - since > seen.LastSeen - seen.Since)
                idle[id] = (since, response.SentAt);
        }
    }
}
