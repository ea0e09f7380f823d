using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ApiTests(ApiServer server)
{
    private HttpClient Http => server.Http;

    private async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    private async Task<JsonNode> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Http.PostAsJsonAsync(path, body ?? new { }), expected);

    private async Task<(string CampaignId, long ListId)> CampaignWithListAsync(string dialerType = "Auto")
    {
        var list = await PostAsync("/api/lists", new { name = "Spring leads", defaultRegion = "US" }, HttpStatusCode.Created);
        var campaign = await PostAsync("/api/campaigns", new { name = "Spring sale", dialerType, callerId = "+12125550000" }, HttpStatusCode.Created);
        var campaignId = campaign["id"]!.GetValue<string>();
        await PostAsync($"/api/campaigns/{campaignId}/lists", new { listId = list["id"]!.GetValue<long>() });
        return (campaignId, list["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        await ReadAsync(await Http.GetAsync("/health/live"), HttpStatusCode.OK);
        var ready = await ReadAsync(await Http.GetAsync("/health/ready"), HttpStatusCode.OK);
        Assert.Equal("Healthy", ready["database"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["cluster"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheResources()
    {
        var doc = await ReadAsync(await Http.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/api/agents", "/api/agents/{id}/login", "/api/campaigns/{id}/stats", "/api/leads", "/api/calls", "/health/ready",
                     "/api/dashboard", "/api/calls/export", "/api/reports/agents", "/api/reports/campaigns", "/api/campaigns/{id}/lists/{listId}" })
            Assert.Contains(expected, paths);
        var reference = await Http.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var dashboard = await Http.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("html", (await dashboard.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task NewcomerFlow_CreateAgentLoginReady_CreateCampaignAndLead()
    {
        var (campaignId, listId) = await CampaignWithListAsync("Preview");
        var created = await Http.PostAsJsonAsync("/api/agents", new { name = "Alice" });
        var agent = await ReadAsync(created, HttpStatusCode.Created);
        var agentId = agent["id"]!.GetValue<string>();
        Assert.Equal($"/api/agents/{agentId}", created.Headers.Location!.OriginalString);
        Assert.Equal("Offline", agent["status"]!.GetValue<string>());

        var loggedIn = await PostAsync($"/api/agents/{agentId}/login", new { campaignId });
        Assert.Equal("Paused", loggedIn["status"]!.GetValue<string>());
        Assert.Equal("LoggedIn", loggedIn["pauseReason"]!.GetValue<string>());
        var ready = await PostAsync($"/api/agents/{agentId}/ready", null);
        Assert.Equal("Ready", ready["status"]!.GetValue<string>());

        var lead = await PostAsync("/api/leads", new { listId, firstName = "Ann", lastName = "Lee", phone = "(212) 734-0199", city = "New York", email = "ann@example.com" }, HttpStatusCode.Created);
        Assert.Equal("+12127340199", lead["phone"]!.GetValue<string>());
        Assert.Equal("New", lead["status"]!.GetValue<string>());
        Assert.Equal("America/New_York", lead["timeZone"]!.GetValue<string>());

        var found = await ReadAsync(await Http.GetAsync($"/api/leads?listId={listId}&q=ann"), HttpStatusCode.OK);
        Assert.Single(found["items"]!.AsArray());

        var agents = await ReadAsync(await Http.GetAsync("/api/agents"), HttpStatusCode.OK);
        Assert.Contains(agents.AsArray(), a => a!["id"]!.GetValue<string>() == agentId);
        var stats = await ReadAsync(await Http.GetAsync($"/api/campaigns/{campaignId}/stats"), HttpStatusCode.OK);
        Assert.Equal(1, stats["leadsTotal"]!.GetValue<long>());
        Assert.Equal(1, stats["agentsByState"]!["Ready"]!.GetValue<int>());
    }

    [Fact]
    public async Task Validation_BadBodies_Give400ProblemDetailsPerField()
    {
        var response = await Http.PostAsJsonAsync("/api/campaigns", new { name = "", dialerType = "Auto", callerId = "abc" });
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["callerId"]);

        var badEnum = await Http.PostAsync("/api/campaigns", new StringContent("""{"name":"x","dialerType":"Telepathy"}""", System.Text.Encoding.UTF8, "application/json"));
        await ReadAsync(badEnum, HttpStatusCode.BadRequest);
        var notJson = await Http.PostAsync("/api/agents", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await ReadAsync(notJson, HttpStatusCode.BadRequest);

        var (_, listId) = await CampaignWithListAsync();
        var badPhone = await ReadAsync(await Http.PostAsJsonAsync("/api/leads", new { listId, phone = "12" }), HttpStatusCode.BadRequest);
        Assert.NotNull(badPhone["errors"]!["phone"]);
        var noList = await ReadAsync(await Http.PostAsJsonAsync("/api/leads", new { listId = 999999, phone = "+12127340199" }), HttpStatusCode.BadRequest);
        Assert.NotNull(noList["errors"]!["listId"]);
        await ReadAsync(await Http.GetAsync("/api/leads?status=Sleeping"), HttpStatusCode.BadRequest);
        await ReadAsync(await Http.GetAsync("/api/calls?state=sometimes"), HttpStatusCode.BadRequest);

        // Values that cannot even be read say which one and why.
        var notANumber = await ReadAsync(await Http.GetAsync("/api/leads?listId=abc"), HttpStatusCode.BadRequest);
        Assert.Contains("listId", notANumber["detail"]!.GetValue<string>());
        var unknownType = await ReadAsync(await Http.PostAsync("/api/campaigns", new StringContent("""{"name":"x","dialerType":"Robocall"}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("$.dialerType", unknownType["detail"]!.GetValue<string>());
        var truncated = await ReadAsync(await Http.PostAsync("/api/agents", new StringContent("""{"name":""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(truncated["detail"]?.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownIds_Give404ProblemDetails()
    {
        var response = await Http.GetAsync("/api/agents/nobody");
        var problem = await ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("nobody", problem["detail"]!.GetValue<string>());
        await ReadAsync(await Http.GetAsync("/api/campaigns/none"), HttpStatusCode.NotFound);
        await ReadAsync(await Http.GetAsync("/api/leads/987654321"), HttpStatusCode.NotFound);
        await ReadAsync(await Http.GetAsync("/api/calls/none"), HttpStatusCode.NotFound);
        await ReadAsync(await Http.PostAsJsonAsync("/api/agents/nobody/ready", new { }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task IllegalStateChanges_Give409()
    {
        var agent = await PostAsync("/api/agents", new { name = "Bob" }, HttpStatusCode.Created);
        var agentId = agent["id"]!.GetValue<string>();
        var problem = await ReadAsync(await Http.PostAsJsonAsync($"/api/agents/{agentId}/ready", new { }), HttpStatusCode.Conflict);
        Assert.Contains("Offline", problem["detail"]!.GetValue<string>());
        var (campaignId, _) = await CampaignWithListAsync();
        await ReadAsync(await Http.PostAsJsonAsync($"/api/campaigns/{campaignId}/pause", new { }), HttpStatusCode.Conflict);
        await ReadAsync(await Http.PostAsJsonAsync($"/api/campaigns/{campaignId}/resume", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CampaignLists_AttachAndDetach()
    {
        var (campaignId, firstList) = await CampaignWithListAsync();
        var second = (await PostAsync("/api/lists", new { name = "Autumn leads" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
        var attached = await PostAsync($"/api/campaigns/{campaignId}/lists", new { listId = second });
        Assert.Equal([firstList, second], attached["definition"]!["listIds"]!.AsArray().Select(n => n!.GetValue<long>()));
        var detached = await ReadAsync(await Http.DeleteAsync($"/api/campaigns/{campaignId}/lists/{firstList}"), HttpStatusCode.OK);
        Assert.Equal([second], detached["definition"]!["listIds"]!.AsArray().Select(n => n!.GetValue<long>()));
        var notAttached = await ReadAsync(await Http.DeleteAsync($"/api/campaigns/{campaignId}/lists/{firstList}"), HttpStatusCode.NotFound);
        Assert.Contains("not attached", notAttached["detail"]!.GetValue<string>());
        await PostAsync("/api/leads", new { listId = second, firstName = "Ada", phone = "+12127340177" }, HttpStatusCode.Created);
        Assert.Equal("Running", (await PostAsync($"/api/campaigns/{campaignId}/start", null))["status"]!.GetValue<string>());
        await ReadAsync(await Http.DeleteAsync($"/api/campaigns/{campaignId}/lists/{second}"), HttpStatusCode.Conflict);
        await PostAsync($"/api/campaigns/{campaignId}/stop", null);
        await ReadAsync(await Http.DeleteAsync($"/api/campaigns/{campaignId}/lists/{second}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dashboard_ShowsEveryCampaignWithItsFigures_AndTheFloorTotals()
    {
        var (campaignId, listId) = await CampaignWithListAsync();
        await PostAsync("/api/leads", new { listId, firstName = "Bo", phone = "+12127340166" }, HttpStatusCode.Created);
        var agentId = (await PostAsync("/api/agents", new { name = "Dana" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await PostAsync($"/api/agents/{agentId}/login", new { campaignId });

        var dashboard = await ReadAsync(await Http.GetAsync("/api/dashboard?status=draft"), HttpStatusCode.OK);
        var line = dashboard["campaigns"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == campaignId)!;
        Assert.Equal("Spring sale", line["name"]!.GetValue<string>());
        Assert.Equal("Auto", line["dialerType"]!.GetValue<string>());
        Assert.Equal(1, line["stats"]!["leadsTotal"]!.GetValue<long>());
        Assert.Equal(1, line["stats"]!["agentsByState"]!["Paused"]!.GetValue<int>());
        Assert.All(dashboard["campaigns"]!.AsArray(), c => Assert.Equal("Draft", c!["stats"]!["status"]!.GetValue<string>()));
        var totals = dashboard["totals"]!;
        Assert.True(totals["agentsByState"]!["Paused"]!.GetValue<int>() >= 1);
        Assert.Equal(totals["agentsByState"]!.AsObject().Sum(p => p.Value!.GetValue<int>()), totals["agentsLoggedIn"]!.GetValue<int>());

        var bad = await ReadAsync(await Http.GetAsync("/api/dashboard?status=Sleeping"), HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["status"]);
        await PostAsync($"/api/agents/{agentId}/logout", null);
    }

    [Fact]
    public async Task AgentCrud_UpdateAndDelete()
    {
        var agent = await PostAsync("/api/agents", new { name = "Carol", id = "ext-2001" }, HttpStatusCode.Created);
        Assert.Equal("ext-2001", agent["id"]!.GetValue<string>());
        var updated = await ReadAsync(await Http.PutAsJsonAsync("/api/agents/ext-2001", new { name = "Carol B", sipUri = "sip:2001@127.0.0.1" }), HttpStatusCode.OK);
        Assert.Equal("Carol B", updated["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/agents/ext-2001")).StatusCode);
        await ReadAsync(await Http.GetAsync("/api/agents/ext-2001"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AutoCampaign_OverHttp_DialsConnectsAndRecordsCalls()
    {
        var (campaignId, listId) = await CampaignWithListAsync();
        var definition = await ReadAsync(await Http.GetAsync($"/api/campaigns/{campaignId}"), HttpStatusCode.OK);
        var body = definition["definition"]!.AsObject();
        body["simulation"] = new JsonObject { ["answerRate"] = 1.0, ["busyRate"] = 0.0, ["noAnswerRate"] = 0.0, ["voicemailRate"] = 0.0, ["ringSeconds"] = 0.05, ["talkSeconds"] = 0.1 };
        body["callingWindow"] = new JsonObject { ["start"] = "00:00", ["end"] = "23:59" };
        await ReadAsync(await Http.PutAsync($"/api/campaigns/{campaignId}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        await PostAsync("/api/leads", new { listId, firstName = "Dan", phone = "+12127340100" }, HttpStatusCode.Created);

        var agentId = (await PostAsync("/api/agents", new { name = "Dora" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await PostAsync($"/api/agents/{agentId}/login", new { campaignId });
        await PostAsync($"/api/agents/{agentId}/ready", null);
        Assert.Equal("Running", (await PostAsync($"/api/campaigns/{campaignId}/start", null))["status"]!.GetValue<string>());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string status;
        do
        {
            await Task.Delay(50);
            status = (await ReadAsync(await Http.GetAsync($"/api/agents/{agentId}"), HttpStatusCode.OK))["status"]!.GetValue<string>();
        }
        while (status != "WrapUp" && DateTime.UtcNow < deadline);
        Assert.Equal("WrapUp", status);

        var wrapped = await PostAsync($"/api/agents/{agentId}/wrapup", new { disposition = "Sale", notes = "paid by card", tags = new[] { "card" } });
        Assert.Equal("Ready", wrapped["status"]!.GetValue<string>());
        var completed = await ReadAsync(await Http.GetAsync($"/api/calls?state=completed&campaignId={campaignId}"), HttpStatusCode.OK);
        var call = Assert.Single(completed["items"]!.AsArray());
        Assert.Equal("Completed", call!["status"]!.GetValue<string>());
        Assert.Equal("Sale", call["disposition"]!.GetValue<string>());
        var one = await ReadAsync(await Http.GetAsync($"/api/calls/{call["id"]!.GetValue<string>()}"), HttpStatusCode.OK);
        Assert.Equal("Answered", one["outcome"]!.GetValue<string>());
        var stats = await ReadAsync(await Http.GetAsync($"/api/campaigns/{campaignId}/stats"), HttpStatusCode.OK);
        Assert.Equal(1, stats["counters"]!["connected"]!.GetValue<int>());
        Assert.Equal(1, stats["counters"]!["dispositions"]!["Sale"]!.GetValue<int>());
        var byAgent = Assert.Single((await ReadAsync(await Http.GetAsync($"/api/reports/agents?campaignId={campaignId}"), HttpStatusCode.OK)).AsArray())!;
        Assert.Equal(agentId, byAgent["id"]!.GetValue<string>());
        Assert.Equal(1, byAgent["answered"]!.GetValue<long>());
        Assert.True(byAgent["talkSeconds"]!.GetValue<double>() > 0);
        Assert.Equal(1, byAgent["dispositions"]!["Sale"]!.GetValue<long>());

        // The same attempt as a Prometheus metric, beside the hopper's claims.
        var metrics = await Http.GetStringAsync("/metrics");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("contact_center_call_attempts_total{", StringComparison.Ordinal)
            && l.Contains($"campaign=\"{campaignId}\"", StringComparison.Ordinal) && l.Contains("outcome=\"Answered\"", StringComparison.Ordinal) && l.Split(' ')[1] == "1");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("contact_center_hopper_claim_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains($"campaign=\"{campaignId}\"", StringComparison.Ordinal));
        await PostAsync($"/api/campaigns/{campaignId}/stop", null);
        await PostAsync($"/api/agents/{agentId}/logout", null);
    }
}
