using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;
using Npgsql;
using static ContactCenter.Api.Tests.Leads.LeadApiClient;

namespace ContactCenter.Api.Tests.Calls;

/// <summary>GET /api/calls: one page shape for live and ended calls, each call in exactly one state (issues 15, 16).</summary>
[Collection(ApiCollection.Name)]
public sealed class CallListTests(ApiServer server)
{
    private HttpClient Http => server.Http;

    private async Task<JsonNode> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Http.PostAsJsonAsync(path, body ?? new { }), expected);

    private async Task<List<string>> IdsAsync(string path)
    {
        var page = await ReadAsync(await Http.GetAsync(path), HttpStatusCode.OK);
        Assert.True(page is JsonObject, $"{path} answered {page.ToJsonString()}, not a page");
        return page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
    }

    /// <summary>An Auto campaign whose one simulated call stays connected to its agent for minutes; returns (campaign, call).</summary>
    private async Task<(string CampaignId, string CallId)> LiveCallAsync()
    {
        var listId = (await PostAsync("/api/lists", new { name = "Call list tests", defaultRegion = "US" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var campaign = await PostAsync("/api/campaigns", new
        {
            name = "Call list tests", dialerType = "Auto", callerId = "+12125550000",
            callingWindow = new { start = "00:00", end = "23:59" },
            simulation = new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.05, talkSeconds = 300.0 },
        }, HttpStatusCode.Created);
        var campaignId = campaign["id"]!.GetValue<string>();
        await PostAsync($"/api/campaigns/{campaignId}/lists", new { listId });
        await PostAsync("/api/leads", new { listId, firstName = "Lou", phone = "+12127340188" }, HttpStatusCode.Created);
        var agentId = (await PostAsync("/api/agents", new { name = "Lena" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await PostAsync($"/api/agents/{agentId}/login", new { campaignId });
        await PostAsync($"/api/agents/{agentId}/ready", null);
        await PostAsync($"/api/campaigns/{campaignId}/start", null);

        JsonNode agent;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(50);
            agent = await ReadAsync(await Http.GetAsync($"/api/agents/{agentId}"), HttpStatusCode.OK);
        }
        while (agent["status"]!.GetValue<string>() != "Connected" && DateTime.UtcNow < deadline);
        Assert.Equal("Connected", agent["status"]!.GetValue<string>());
        return (campaignId, agent["currentCallId"]!.GetValue<string>());
    }

    private async Task InsertRecordAsync(string callId, string campaignId, DateTimeOffset createdAt, bool ended)
    {
        await using var db = NpgsqlDataSource.Create(server.ConnectionString);
        await using var cmd = db.CreateCommand("""
            INSERT INTO call_records (call_id, campaign_id, lead_id, destination, status, outcome, created_at, dialing_at, answered_at, ended_at)
            VALUES ($1, $2, 7, '+12127340199', $3, $4, $5, $5, $5, $6)
            """);
        cmd.Parameters.Add(new() { Value = callId });
        cmd.Parameters.Add(new() { Value = campaignId });
        cmd.Parameters.Add(new() { Value = ended ? "Completed" : "Connected" });
        cmd.Parameters.Add(new() { Value = ended ? "Answered" : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = createdAt });
        cmd.Parameters.Add(new() { Value = ended ? createdAt.AddSeconds(30) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task List_LiveCallWithARowAlready_IsActiveOnlyAndEveryStateIsOnePageShape()
    {
        var (campaignId, callId) = await LiveCallAsync();
        var live = await ReadAsync(await Http.GetAsync($"/api/calls/{callId}"), HttpStatusCode.OK);
        // A live call's row, as a transfer or an AI agent's conversation writes it before the call ends.
        await InsertRecordAsync(callId, campaignId, live["createdAt"]!.GetValue<DateTimeOffset>(), ended: false);
        var earlier = DateTimeOffset.UtcNow.AddHours(-1);
        await InsertRecordAsync($"{campaignId}-old-a", campaignId, earlier, ended: true);
        await InsertRecordAsync($"{campaignId}-old-b", campaignId, earlier.AddMinutes(1), ended: true);

        Assert.Equal([callId], await IdsAsync($"/api/calls?state=active&campaignId={campaignId}"));
        Assert.Equal([$"{campaignId}-old-b", $"{campaignId}-old-a"], await IdsAsync($"/api/calls?state=completed&campaignId={campaignId}"));
        // Without a state: all calls, live and ended, newest first, each once.
        Assert.Equal([callId, $"{campaignId}-old-b", $"{campaignId}-old-a"], await IdsAsync($"/api/calls?campaignId={campaignId}"));
        Assert.Equal([callId, $"{campaignId}-old-b", $"{campaignId}-old-a"], await IdsAsync($"/api/calls?state=all&campaignId={campaignId}"));
        Assert.Contains(callId, await IdsAsync("/api/calls"));
        Assert.Empty(await IdsAsync($"/api/calls?campaignId={campaignId}&outcome=Busy"));

        // Pages of one across live and ended calls: the cursor carries on from the live call into the records.
        var seen = new List<string>();
        string? next = null;
        for (var pages = 0; pages < 5; pages++)
        {
            var page = await ReadAsync(await Http.GetAsync($"/api/calls?campaignId={campaignId}&limit=1" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}")), HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
            if (next is null) break;
        }
        Assert.Equal([callId, $"{campaignId}-old-b", $"{campaignId}-old-a"], seen);

        // Ended, the call moves from one state to the other.
        await PostAsync($"/api/calls/{callId}/hangup", null, HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await IdsAsync($"/api/calls?state=active&campaignId={campaignId}")).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Empty(await IdsAsync($"/api/calls?state=active&campaignId={campaignId}"));
        Assert.Equal([callId, $"{campaignId}-old-b", $"{campaignId}-old-a"], await IdsAsync($"/api/calls?state=completed&campaignId={campaignId}"));
        Assert.Equal([callId, $"{campaignId}-old-b", $"{campaignId}-old-a"], await IdsAsync($"/api/calls?campaignId={campaignId}"));
        // Its one lead called, the campaign may have completed already: stopping is tidying up, not under test.
        using var _ = await Http.PostAsync($"/api/campaigns/{campaignId}/stop", null);
    }
}
