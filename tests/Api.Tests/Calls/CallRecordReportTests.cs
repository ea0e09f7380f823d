using System.Net;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Leads;
using ContactCenter.Api.Tests.Support;
using Npgsql;

namespace ContactCenter.Api.Tests.Calls;

[Collection(ApiCollection.Name)]
public sealed class CallRecordReportTests(ApiServer server)
{
    private HttpClient Http => server.Http;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Seven records of a fresh campaign: (call id, agent, outcome, disposition, minutes after T0); two share a time.</summary>
    private async Task<string> SeedAsync()
    {
        var campaign = "report-" + Guid.NewGuid().ToString("N")[..8];
        (string Id, string Agent, string Outcome, string? Disposition, int Minute)[] calls =
        [
            ("a", "ann", "Answered", "Sale", 0), ("b", "bob", "Busy", null, 1), ("c", "ann", "NoAnswer", null, 2),
            ("d", "bob", "Answered", "Not Interested", 3), ("e", "ann", "Answered", "Sale", 3), ("f", "ann", "Busy", null, 5), ("g", "bob", "Voicemail", null, 6),
        ];
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        foreach (var call in calls)
        {
            var at = T0.AddMinutes(call.Minute);
            var answered = call.Outcome == "Answered";
            await using var cmd = db.CreateCommand("""
                INSERT INTO call_records (call_id, campaign_id, lead_id, agent_id, destination, status, outcome, disposition, created_at, dialing_at, ringing_at, answered_at, ended_at,
                                          ring_seconds, talk_seconds)
                VALUES ($1, $2, 7, $3, '+12127340199', $4, $5, $6, $7, $7, $7 + interval '1 second', $8, $7 + interval '31 seconds',
                        CASE WHEN $8 IS NULL THEN 30 ELSE 5 END, CASE WHEN $8 IS NULL THEN NULL ELSE 25 END)
                """);
            cmd.Parameters.Add(new() { Value = $"{campaign}-{call.Id}" });
            cmd.Parameters.Add(new() { Value = campaign });
            cmd.Parameters.Add(new() { Value = call.Agent });
            cmd.Parameters.Add(new() { Value = answered ? "Completed" : "Failed" });
            cmd.Parameters.Add(new() { Value = call.Outcome });
            cmd.Parameters.Add(new() { Value = (object?)call.Disposition ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = at });
            cmd.Parameters.Add(new() { Value = answered ? at.AddSeconds(6) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            await cmd.ExecuteNonQueryAsync();
        }
        return campaign;
    }

    private async Task<List<string>> IdsAsync(string campaign, string filters)
    {
        var page = await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/calls?state=completed&campaignId={campaign}{filters}"), HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()[(campaign.Length + 1)..]).ToList();
    }

    [Fact]
    public async Task Completed_FiltersByAgentOutcomeDispositionAndTime_NewestFirst()
    {
        var campaign = await SeedAsync();
        Assert.Equal(["g", "f", "e", "d", "c", "b", "a"], await IdsAsync(campaign, ""));
        Assert.Equal(["f", "e", "c", "a"], await IdsAsync(campaign, "&agentId=ann"));
        Assert.Equal(["f", "b"], await IdsAsync(campaign, "&outcome=busy"));
        Assert.Equal(["e", "a"], await IdsAsync(campaign, "&disposition=Sale"));
        Assert.Equal(["e", "d", "c"], await IdsAsync(campaign, "&from=2026-11-24T15:02:00Z&to=2026-11-24T15:05:00Z"));
        Assert.Equal(["e", "d", "c"], await IdsAsync(campaign, "&from=2026-11-24T10:02:00-05:00&to=2026-11-24T15:05:00"));
        Assert.Equal(["f", "e", "c"], await IdsAsync(campaign, "&agentId=ann&leadId=7&from=2026-11-24T15:01:00Z&to=2026-11-24T15:06:00Z"));
        Assert.Empty(await IdsAsync(campaign, "&leadId=8"));

        var one = (await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/calls?state=completed&campaignId={campaign}&outcome=Answered&limit=1"), HttpStatusCode.OK))["items"]![0]!;
        Assert.Equal(5.0, one["ringSeconds"]!.GetValue<double>(), 3);
        Assert.Equal(25.0, one["talkSeconds"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task Completed_PagesContinueAfterTheLastCall_NoneSkippedOrRepeated()
    {
        var campaign = await SeedAsync();
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await LeadApiClient.ReadAsync(await Http.GetAsync(
                $"/api/calls?state=completed&campaignId={campaign}&limit=2" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}")), HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()[(campaign.Length + 1)..]));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null && ++pages < 10);
        Assert.Equal(["g", "f", "e", "d", "c", "b", "a"], seen);

        // The older way: before=<id of the last call>, still understood.
        Assert.Equal(["c", "b"], await IdsAsync(campaign, $"&limit=2&before={campaign}-d"));
    }

    [Fact]
    public async Task Export_StreamsTheFilteredRecordsAsCsv()
    {
        var campaign = await SeedAsync();
        var response = await Http.GetAsync($"/api/calls/export?campaignId={campaign}&agentId=bob");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("callId,campaignId,leadId,agentId,destination,callerId,status,outcome,disposition,notes,createdAt,dialingAt,ringingAt,answeredAt,connectedAt,endedAt,ringSeconds,talkSeconds", lines[0]);
        Assert.Equal([$"{campaign}-g", $"{campaign}-d", $"{campaign}-b"], lines.Skip(1).Select(l => l.Split(',')[0]));
        var d = lines[2].Split(',');
        Assert.Equal(["bob", "Completed", "Answered", "Not Interested"], new[] { d[3], d[6], d[7], d[8] });
        Assert.Equal("2026-11-24T15:03:00.0000000Z", d[10]);
        Assert.Equal(["5", "25"], new[] { d[16], d[17] });
        var g = lines[1].Split(',');
        Assert.Equal(["30", ""], new[] { g[16], g[17] });
    }

    [Fact]
    public async Task Reports_SumTheRecordsPerAgentAndPerCampaign()
    {
        var campaign = await SeedAsync();
        var agents = (await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/reports/agents?campaignId={campaign}"), HttpStatusCode.OK)).AsArray();
        Assert.Equal(["ann", "bob"], agents.Select(a => a!["id"]!.GetValue<string>()));
        var ann = agents[0]!;
        Assert.Equal(4, ann["attempts"]!.GetValue<long>());
        Assert.Equal(2, ann["answered"]!.GetValue<long>());
        Assert.Equal(0.5, ann["answerRate"]!.GetValue<double>());
        Assert.Equal(50, ann["talkSeconds"]!.GetValue<double>(), 3);
        Assert.Equal(25, ann["averageTalkSeconds"]!.GetValue<double>(), 3);
        Assert.Equal(2, ann["dispositions"]!["Sale"]!.GetValue<long>());
        Assert.Equal(1, ann["outcomes"]!["Busy"]!.GetValue<long>());
        Assert.Equal(1, ann["outcomes"]!["NoAnswer"]!.GetValue<long>());

        var window = (await LeadApiClient.ReadAsync(await Http.GetAsync($"/api/reports/campaigns?campaignId={campaign}&from=2026-11-24T15:03:00Z"), HttpStatusCode.OK)).AsArray();
        var only = Assert.Single(window)!;
        Assert.Equal(campaign, only["id"]!.GetValue<string>());
        Assert.Equal(4, only["attempts"]!.GetValue<long>()); // d, e, f, g
        Assert.Equal(2, only["answered"]!.GetValue<long>());
        Assert.Equal((5 + 5 + 30 + 30) / 4.0, only["averageRingSeconds"]!.GetValue<double>(), 1);
        Assert.Equal(1, only["dispositions"]!["Not Interested"]!.GetValue<long>());

        var bad = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/reports/agents?from=soon"), HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["from"]);
    }

    [Theory]
    [InlineData("state=completed&outcome=Maybe", "outcome")]
    [InlineData("state=completed&outcome=0", "outcome")]
    [InlineData("state=completed&from=yesterday", "from")]
    [InlineData("state=completed&from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z", "to")]
    [InlineData("state=completed&before=no-such-call", "before")]
    [InlineData("state=active&outcome=Busy", "outcome")]
    [InlineData("state=active&disposition=Sale", "disposition")]
    [InlineData("state=sometimes", "state")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("state=completed&after=MTIzCg", "after")]
    [InlineData("limit=0", "limit")]
    public async Task BadFilters_Are400WithTheField(string query, string field)
    {
        var problem = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/calls?" + query), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }
}
