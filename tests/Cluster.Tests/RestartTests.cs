using System.Text.Json.Nodes;
using ContactCenter.Cluster.Tests.Support;

namespace ContactCenter.Cluster.Tests;

/// <summary>
/// The whole product in one process (the API co-hosting its silo), stopped with SIGTERM mid-campaign
/// and started again, then killed with SIGKILL while calls are live and started again: every
/// endpoint answers 200 with consistent states, the campaign resumes by itself, nothing is left stuck.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly string[] OnACall = ["Dialing", "Connected", "WrapUp"];

    [Fact]
    public async Task Product_StoppedThenKilledMidCampaign_ComesBackConsistentAndFinishesTheCampaign()
    {
        var report = new Report(output, "restart");
        var checks = new Checks(report);
        var connectionString = await postgres.CreateDatabaseAsync("restart");
        var db = new DatabaseProbe(connectionString);
        await using var deployment = new Deployment("restart", connectionString, report);
        try
        {
            var node = await deployment.StartApiAsync("Silo");
            using var api = new ApiClient(node.BaseAddress);
            var simulation = new JsonObject
            {
                ["answerRate"] = 0.6, ["busyRate"] = 0.1, ["noAnswerRate"] = 0.2, ["voicemailRate"] = 0.1, ["ringSeconds"] = 1, ["talkSeconds"] = 2,
            };
            var scenario = await DialingScenario.CreateAsync(api, report, "restart", leads: 200, agents: 5, simulation);
            await scenario.StartAsync(api, report);
            var runStarted = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(5));
            report.Line($"{await db.CountRecordsAsync(scenario.CampaignId)} call records after 5 s of dialing");

            // SIGTERM, as systemd or Ctrl-C stop the product, then the same command again.
            var stopping = DateTimeOffset.UtcNow;
            node.Process.Terminate();
            var exited = await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(45));
            checks.That(exited, "SIGTERM stops the process within 45 s");
            if (!exited)
            {
                node.Process.Kill();
                await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            else
            {
                report.Figure("seconds to stop on SIGTERM", $"{(DateTimeOffset.UtcNow - stopping).TotalSeconds:0.0}");
                checks.That(node.Process.ExitCode == 0, "the process exits with code 0 on SIGTERM", $"exit code {node.Process.ExitCode}");
            }
            await deployment.RestartApiAsync();
            var restartedAt = DateTimeOffset.UtcNow;

            // Before any request touches the campaign: only a reminder can bring it back.
            var resume = await Recovery.WatchAsync(db, scenario.CampaignId, restartedAt, restartedAt, null, null, TimeSpan.FromSeconds(60));
            checks.That(resume.ResumedAt is not null, "the Running campaign resumes dialing by itself after the restart, with no API call touching it",
                resume.ResumedAt is null ? "no attempt begun in the 60 s after the process was back" : $"first new attempt {resume.ResumedSeconds:0.0} s after the process was back");
            report.Figure("seconds from the restart (SIGTERM) to the first new attempt", $"{resume.ResumedSeconds?.ToString("0.0") ?? "none in 60"}");

            await SweepAsync(api, checks, report, scenario, "after SIGTERM and a restart");

            // SIGKILL while calls are live: nothing of the process's memory survives.
            var live = await WaitForLiveCallsAsync(api, scenario, TimeSpan.FromSeconds(10));
            checks.That(live.Count > 0, "calls are live before the kill -9", $"{live.Count} live");
            var agentsAtKill = await AgentsAsync(api, scenario) ?? [];
            var dialingAtKill = await LeadsInDialingAsync(api, scenario) ?? [];
            report.Line($"at the kill: {live.Count} live calls; agents {string.Join(", ", agentsAtKill.Select(a => $"{a.Key} {a.Value.Status}"))}; {dialingAtKill.Count} leads Dialing");
            node.Process.Kill();
            await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await deployment.RestartApiAsync();
            var backAt = DateTimeOffset.UtcNow;

            await SweepAsync(api, checks, report, scenario, "after kill -9 and a restart");
            await WatchOrphansAsync(api, checks, report, scenario, agentsAtKill, dialingAtKill, backAt, TimeSpan.FromSeconds(60));

            var completed = await scenario.WaitForCompletionAsync(api, db, checks, report, TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(30));
            report.Figure("run time of the campaign (start to Completed, s)", $"{(completed ? (DateTimeOffset.UtcNow - runStarted).TotalSeconds.ToString("0") : "not completed")}");
            await EndState.VerifyAsync(api, db, checks, report, scenario);
        }
        catch (Exception ex) when (ex is not CheckFailedException)
        {
            checks.That(false, "the test runs to its end", ex.ToString());
        }
        finally
        {
            report.Line($"errors logged by the processes:{Environment.NewLine}{deployment.ErrorDigest()}");
            if (checks.Failures.Count > 0) deployment.PrintTails();
            report.Summary();
        }
        checks.ThrowIfAny();
    }

    /// <summary>Every campaign, agent, list and call endpoint answers 200, and what they say agrees.</summary>
    private static async Task SweepAsync(ApiClient api, Checks checks, Report report, DialingScenario s, string when)
    {
        var failures = new List<string>();
        async Task<JsonNode?> GetAsync(string path)
        {
            var response = await api.GetAsync(path);
            if (response.IsSuccess) return response.Json;
            failures.Add(response.Describe());
            return null;
        }

        var campaigns = await GetAsync("/api/campaigns");
        var campaign = await GetAsync($"/api/campaigns/{s.CampaignId}");
        var stats = await GetAsync($"/api/campaigns/{s.CampaignId}/stats");
        var dashboard = await GetAsync("/api/dashboard");
        var agents = await GetAsync("/api/agents");
        var eachAgent = new List<JsonNode>();
        foreach (var id in s.AgentIds)
        {
            if (await GetAsync($"/api/agents/{id}") is { } agent) eachAgent.Add(agent);
        }
        var active = (await GetAsync("/api/calls?state=active&limit=1000"))?["items"];
        var completed = (await GetAsync($"/api/calls?state=completed&campaignId={s.CampaignId}&limit=1000"))?["items"];
        var lists = await GetAsync("/api/lists");
        checks.That(failures.Count == 0, $"every campaign, agent, call and list endpoint answers 200 {when}", failures.Count == 0 ? null : string.Join(" | ", failures));

        var statuses = new Dictionary<string, string?>
        {
            ["GET /api/campaigns"] = campaigns?.AsArray().FirstOrDefault(c => c!["id"]!.GetValue<string>() == s.CampaignId)?["status"]?.GetValue<string>(),
            ["GET /api/campaigns/{id}"] = campaign?["status"]?.GetValue<string>(),
            ["/stats"] = stats?["status"]?.GetValue<string>(),
            ["/api/dashboard"] = dashboard?["campaigns"]?.AsArray().FirstOrDefault(c => c!["id"]!.GetValue<string>() == s.CampaignId)?["stats"]?["status"]?.GetValue<string>(),
        };
        var seen = statuses.Values.Where(v => v is not null).Distinct().ToList();
        checks.That(seen.Count == 1 && seen[0] is "Running" or "Completed", $"the campaign is Running (or Completed) alike in every view {when}",
            string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value ?? "-"}")));

        if (agents is not null)
        {
            var ours = agents.AsArray().Where(a => s.AgentIds.Contains(a!["id"]!.GetValue<string>())).Select(a => a!).ToList();
            var inconsistent = ours.Where(a => (a["status"]!.GetValue<string>() == "Offline") != (a["campaignId"] is null)
                                             || (a["campaignId"] is { } c && c.GetValue<string>() != s.CampaignId)).ToList();
            checks.That(ours.Count == s.AgentIds.Count && inconsistent.Count == 0, $"every agent is listed, logged in to the campaign {when}",
                $"{ours.Count} listed; inconsistent: {string.Join(", ", inconsistent.Select(a => $"{a["id"]} {a["status"]} campaign {a["campaignId"]}"))}");
            if (stats?["agentsByState"] is JsonObject byState)
            {
                var counted = byState.Sum(p => p.Value!.GetValue<int>());
                var loggedIn = ours.Count(a => a["status"]!.GetValue<string>() != "Offline");
                checks.That(counted == loggedIn, $"the campaign counts as many agents as are logged in to it {when}", $"stats {counted}, agents {loggedIn}");
            }
        }
        if (active is not null)
        {
            var twice = active.AsArray().Where(c => c!["leadId"] is not null).GroupBy(c => c!["leadId"]!.GetValue<long>()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var lead in twice) s.LeadsWithTwoLiveCalls.Add(lead);
            checks.That(twice.Count == 0, $"no lead has two live calls {when}", $"{active.AsArray().Count} live; twice: {string.Join(", ", twice)}");
        }
        if (completed is not null) report.Line($"{completed.AsArray().Count} completed calls listed {when}");
        if (lists is not null)
        {
            var list = lists.AsArray().FirstOrDefault(l => l!["id"]!.GetValue<long>() == s.ListId);
            checks.That(list?["leadCount"]?.GetValue<long>() == s.LeadCount, $"the list still holds its {s.LeadCount} leads {when}", list?.ToJsonString() ?? "list missing");
        }
    }

    /// <summary>
    /// Within <paramref name="window"/> of the restart after SIGKILL: no agent or lead in Dialing or
    /// Connected without a live call, and every agent and lead that was on a call at the kill has moved on.
    /// </summary>
    private static async Task WatchOrphansAsync(ApiClient api, Checks checks, Report report, DialingScenario s,
        Dictionary<string, (string Status, string? CallId)> agentsAtKill, Dictionary<long, string?> dialingAtKill, DateTimeOffset backAt, TimeSpan window)
    {
        var deadline = backAt + window;
        List<string> orphanAgents = [], orphanLeads = [], agentsNotMoved = [], leadsNotMoved = [];
        var samples = 0;
        while (true)
        {
            samples++;
            var live = await s.LiveCallsAsync(api);
            if (live is not null)
            {
                var liveCalls = live.Select(c => c["id"]!.GetValue<string>()).ToHashSet();
                var liveLeads = live.Where(c => c["leadId"] is not null).Select(c => c["leadId"]!.GetValue<long>()).ToHashSet();
                var agents = await AgentsAsync(api, s);
                var dialing = await LeadsInDialingAsync(api, s);
                if (agents is null || dialing is null)
                {
                    if (DateTimeOffset.UtcNow > deadline) break;
                    await Task.Delay(1000);
                    continue;
                }
                orphanAgents = agents.Where(a => a.Value.Status is "Dialing" or "Connected" && (a.Value.CallId is null || !liveCalls.Contains(a.Value.CallId)))
                    .Select(a => $"{a.Key} {a.Value.Status} on {a.Value.CallId ?? "no call"}").ToList();
                orphanLeads = dialing.Where(l => !liveLeads.Contains(l.Key)).Select(l => $"lead {l.Key} on {l.Value ?? "no call"}").ToList();
                agentsNotMoved = agentsAtKill.Where(k => OnACall.Contains(k.Value.Status) && agents.TryGetValue(k.Key, out var now) && now == k.Value)
                    .Select(k => $"{k.Key} still {k.Value.Status} on {k.Value.CallId}").ToList();
                leadsNotMoved = dialingAtKill.Where(k => dialing.TryGetValue(k.Key, out var call) && call == k.Value)
                    .Select(k => $"lead {k.Key} still Dialing on {k.Value}").ToList();
                if (orphanAgents.Count + orphanLeads.Count + agentsNotMoved.Count + leadsNotMoved.Count == 0)
                {
                    report.Figure("seconds from the restart (kill -9) until no agent or lead is orphaned", $"{(DateTimeOffset.UtcNow - backAt).TotalSeconds:0.0}");
                    break;
                }
            }
            if (DateTimeOffset.UtcNow > deadline) break;
            await Task.Delay(1000);
        }
        var within = $"within {window.TotalSeconds:0} s of the restart after kill -9";
        checks.That(orphanAgents.Count == 0, $"no agent in Dialing or Connected without a live call {within}", string.Join("; ", orphanAgents));
        checks.That(agentsNotMoved.Count == 0, $"every agent that was on a call at the kill has moved on (cycled) {within}", string.Join("; ", agentsNotMoved));
        checks.That(orphanLeads.Count == 0, $"no lead in Dialing without a live call {within}", string.Join("; ", orphanLeads));
        checks.That(leadsNotMoved.Count == 0, $"every lead that was Dialing at the kill has left Dialing {within}", string.Join("; ", leadsNotMoved));
        report.Line($"orphan watch: {samples} samples");
    }

    private static async Task<List<JsonNode>> WaitForLiveCallsAsync(ApiClient api, DialingScenario s, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var live = await s.LiveCallsAsync(api) ?? [];
            // Answered calls last longest: kill while at least one agent talks, if we can.
            if (live.Any(c => c["status"]!.GetValue<string>() == "Connected") || DateTime.UtcNow > deadline) return live;
            await Task.Delay(200);
        }
    }

    private static async Task<Dictionary<string, (string Status, string? CallId)>?> AgentsAsync(ApiClient api, DialingScenario s)
    {
        var response = await api.GetAsync("/api/agents");
        if (!response.IsSuccess) return null;
        return response.Json.AsArray().Where(a => s.AgentIds.Contains(a!["id"]!.GetValue<string>()))
            .ToDictionary(a => a!["id"]!.GetValue<string>(), a => (a!["status"]!.GetValue<string>(), a["currentCallId"]?.GetValue<string>()));
    }

    private static async Task<Dictionary<long, string?>?> LeadsInDialingAsync(ApiClient api, DialingScenario s)
    {
        try
        {
            return (await api.LeadsAsync(s.ListId, "Dialing")).ToDictionary(l => l["id"]!.GetValue<long>(), l => l["currentCallId"]?.GetValue<string>());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
