using System.Text.Json.Nodes;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// The promises that must hold once a campaign has run through failures: it completes, every lead is
/// final or callable again, each attempt has exactly one call record, no lead had two live calls,
/// and no agent or lead is left in Dialing or Connected.
/// </summary>
public static class EndState
{
    private static readonly string[] Stuck = ["Queued", "Dialing", "Contacted"];

    public static async Task VerifyAsync(ApiClient api, DatabaseProbe db, Checks checks, Report report, DialingScenario s)
    {
        var campaign = await api.GetAsync($"/api/campaigns/{s.CampaignId}");
        var status = campaign.IsSuccess ? campaign.Json["status"]!.GetValue<string>() : null;
        checks.That(status == "Completed", "the campaign completes", status ?? campaign.Describe());

        List<JsonNode> leads;
        try
        {
            leads = await api.LeadsAsync(s.ListId);
        }
        catch (HttpRequestException ex)
        {
            checks.That(false, "GET /api/leads answers 200", ex.Message);
            return;
        }
        var byStatus = leads.GroupBy(l => l["status"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        report.Line($"leads by status: {string.Join(", ", byStatus.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        checks.That(leads.Count == s.LeadCount, $"all {s.LeadCount} leads are listed", $"{leads.Count} listed");

        var stuck = leads.Where(l => Stuck.Contains(l["status"]!.GetValue<string>())).ToList();
        checks.That(stuck.Count == 0, "no lead stuck in Queued, Dialing or Contacted", Sample(stuck));
        var unsettled = leads.Where(l => !IsFinalOrCallable(l, s.MaxAttempts) && !Stuck.Contains(l["status"]!.GetValue<string>())).ToList();
        checks.That(unsettled.Count == 0, "every lead is final (Done, DoNotCall) or callable again (New/Callback below maxAttempts)", Sample(unsettled));

        var records = await db.RecordsAsync(s.CampaignId);
        var recordsByLead = records.Where(r => r.LeadId is not null).GroupBy(r => r.LeadId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var missing = new List<string>();
        var missingIds = new HashSet<long>();
        var doubled = new List<string>();
        var overlapping = new List<string>();
        foreach (var lead in leads)
        {
            var id = lead["id"]!.GetValue<long>();
            var attempts = lead["attempts"]!.GetValue<int>();
            var count = recordsByLead.GetValueOrDefault(id)?.Count ?? 0;
            if (count < attempts)
            {
                missing.Add($"lead {id}: {attempts} attempts, {count} records, status {lead["status"]}");
                missingIds.Add(id);
            }
            if (count > attempts || count > s.MaxAttempts)
            {
                doubled.Add($"lead {id}: {attempts} attempts, {count} records (max {s.MaxAttempts}): " +
                    string.Join(" / ", recordsByLead[id].Select(r => $"call {r.CallId} agent {r.AgentId} {r.Outcome} {r.CreatedAt:HH:mm:ss.fff}-{r.EndedAt:HH:mm:ss.fff}")));
            }
            if (recordsByLead.GetValueOrDefault(id) is { Count: > 1 } own && Overlap(own)) overlapping.Add($"lead {id}: {string.Join(" / ", own.Select(r => $"{r.CallId} {r.CreatedAt:HH:mm:ss.fff}-{r.EndedAt:HH:mm:ss.fff}"))}");
        }
        foreach (var leadId in s.LeadsWithTwoLiveCalls) overlapping.Add($"lead {leadId}: two live calls in one sample of /api/calls?state=active");
        var open = records.Where(r => r.EndedAt is null || r.Status is not ("Completed" or "Failed")).ToList();
        report.Line($"call records: {records.Count}, by outcome: {string.Join(", ", records.GroupBy(r => r.Outcome ?? "(none)").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        checks.That(missing.Count == 0, "every attempt counted on a lead has its call record (none missing)", Sample(missing));
        checks.That(doubled.Count == 0, "no lead has more call records than attempts or than maxAttempts (none doubled)", Sample(doubled));
        checks.That(overlapping.Count == 0, "no lead had two live calls at once", Sample(overlapping));
        checks.That(open.Count == 0, "every call record is final (Completed or Failed, with an end)", Sample(open.Select(r => $"{r.CallId} {r.Status} {r.Outcome}").ToList()));

        var busyAgents = new List<string>();
        var lingering = new List<string>();
        var agentsByStatus = new Dictionary<string, int>();
        foreach (var agentId in s.AgentIds)
        {
            var agent = await api.GetAsync($"/api/agents/{agentId}");
            if (!agent.IsSuccess) { busyAgents.Add(agent.Describe(200)); continue; }
            var agentStatus = agent.Json["status"]!.GetValue<string>();
            agentsByStatus[agentStatus] = agentsByStatus.GetValueOrDefault(agentStatus) + 1;
            // The campaigns here time wrap-up out after 1 s: an agent still in WrapUp long after is stuck too.
            if (agentStatus == "WrapUp" && DateTimeOffset.UtcNow - agent.Json["statusSince"]!.GetValue<DateTimeOffset>() > TimeSpan.FromSeconds(10))
                lingering.Add($"{agentId} WrapUp on call {agent.Json["currentCallId"]} since {agent.Json["statusSince"]}");
            if (agentStatus is "Dialing" or "Connected") busyAgents.Add($"{agentId} {agentStatus} on call {agent.Json["currentCallId"]} since {agent.Json["statusSince"]}");
        }
        report.Line($"agents by status: {string.Join(", ", agentsByStatus.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        checks.That(busyAgents.Count == 0, "no agent stuck in Dialing or Connected", Sample(busyAgents));
        checks.That(lingering.Count == 0, "no agent left in WrapUp beyond its 1 s wrap-up timeout (10 s grace)", Sample(lingering));
        var live = await s.LiveCallsAsync(api);
        checks.That(live is { Count: 0 }, "no live call left once the campaign is over", live is null ? "GET /api/calls?state=active failed" : $"{live.Count} live");

        var lost = stuck.Select(l => l["id"]!.GetValue<long>()).Union(missingIds).Count();
        report.Figure("leads lost (stuck, or an attempt without a call record)", $"{lost}");
        report.Figure("leads doubled (more call records than attempts allowed)", $"{doubled.Count}");
        report.Figure("leads with two live calls at once", $"{overlapping.Count}");
        report.Figure("agents stuck in Dialing/Connected", $"{busyAgents.Count}");
        report.Figure("agents stuck in WrapUp", $"{lingering.Count}");
    }

    private static bool IsFinalOrCallable(JsonNode lead, int maxAttempts) => lead["status"]!.GetValue<string>() switch
    {
        "Done" or "DoNotCall" => true,
        "New" or "Callback" => lead["attempts"]!.GetValue<int>() < maxAttempts,
        _ => false,
    };

    private static bool Overlap(List<CallRecordRow> records)
    {
        var ordered = records.OrderBy(r => r.CreatedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].EndedAt is not { } end || ordered[i].CreatedAt < end) return true;
        }
        return false;
    }

    private static string Sample(IReadOnlyCollection<JsonNode> leads) => Sample(leads.Select(l =>
        $"lead {l["id"]} {l["status"]} attempts {l["attempts"]} call {l["currentCallId"]} updated {l["updatedAt"]}").ToList());

    private static string Sample(IReadOnlyCollection<string> items) =>
        items.Count == 0 ? "none" : $"{items.Count}: {string.Join("; ", items.Take(8))}{(items.Count > 8 ? "; …" : "")}";
}
