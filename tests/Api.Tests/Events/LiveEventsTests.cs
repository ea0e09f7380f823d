using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;
using Xunit.Abstractions;

namespace ContactCenter.Api.Tests.Events;

/// <summary>GET /api/events: pushed from the grains, filtered by what the caller may see.</summary>
[Collection(ApiCollection.Name)]
public sealed class LiveEventsTests(ApiServer server, ITestOutputHelper output)
{
    private async Task<string> AgentAsync(string prefix)
    {
        var id = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        using var created = await server.Http.PostAsJsonAsync("/api/agents", new { name = prefix, id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    private async Task<string> CampaignAsync()
    {
        using var list = await server.Http.PostAsJsonAsync("/api/lists", new { name = "live" });
        var listId = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        using var campaign = await server.Http.PostAsJsonAsync("/api/campaigns", new { name = "Live " + Guid.NewGuid().ToString("N")[..4], dialerType = "Preview", callerId = "+12125550000", listIds = new[] { listId } });
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        return JsonNode.Parse(await campaign.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task AnAgent_HearsItsOwnChangesPushed_AndNobodyElses()
    {
        var campaignId = await CampaignAsync();
        var me = await AgentAsync("live-me");
        var other = await AgentAsync("live-other");
        using var mine = await server.ClientAsync("agent", me);
        using var stream = await SseReader.OpenAsync(mine, "/api/events");
        var first = await stream.NextAsync(e => e.Type == "agent", TimeSpan.FromSeconds(10));
        Assert.Equal(me, first.Data["id"]!.GetValue<string>());
        Assert.Equal("Offline", first.Data["status"]!.GetValue<string>());

        // Another agent's change first: it must not reach this stream.
        using (var login = await server.Http.PostAsJsonAsync($"/api/agents/{other}/login", new { campaignId })) Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var latencies = new List<double>();
        foreach (var (path, body, expected) in new (string, object?, string)[]
                 { ($"/api/agents/{me}/login", new { campaignId }, "Paused"), ($"/api/agents/{me}/ready", null, "Ready"), ($"/api/agents/{me}/pause", new { reason = "Break" }, "Paused") })
        {
            var sent = Stopwatch.StartNew();
            using (var change = await server.Http.PostAsJsonAsync(path, body)) Assert.Equal(HttpStatusCode.OK, change.StatusCode);
            var heard = await stream.NextAsync(e => e.Type == "agent", TimeSpan.FromSeconds(5));
            latencies.Add(sent.Elapsed.TotalMilliseconds);
            Assert.Equal(me, heard.Data["id"]!.GetValue<string>());
            Assert.Equal(expected, heard.Data["status"]!.GetValue<string>());
        }
        output.WriteLine($"request sent → own change heard: {string.Join(", ", latencies.Select(l => $"{l:F0} ms"))}");
    }

    [Fact]
    public async Task ASupervisor_HearsTheDashboardAndTheFloorsAgents()
    {
        var campaignId = await CampaignAsync();
        var agent = await AgentAsync("live-floor");
        using var supervisor = await server.ClientAsync("supervisor");
        using var stream = await SseReader.OpenAsync(supervisor, "/api/events");
        var dashboard = await stream.NextAsync(e => e.Type == "dashboard", TimeSpan.FromSeconds(10));
        Assert.Contains(dashboard.Data["campaigns"]!.AsArray(), c => c!["id"]!.GetValue<string>() == campaignId);

        using (var login = await server.Http.PostAsJsonAsync($"/api/agents/{agent}/login", new { campaignId })) Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var heard = await stream.NextAsync(e => e.Type == "agent" && e.Data["id"]!.GetValue<string>() == agent, TimeSpan.FromSeconds(5));
        Assert.Equal("Paused", heard.Data["status"]!.GetValue<string>());
        // The agent logged in shows in the campaign's figures on the next dashboard push.
        var moved = await stream.NextAsync(e => e.Type == "dashboard"
            && e.Data["campaigns"]!.AsArray().Any(c => c!["id"]!.GetValue<string>() == campaignId && c["stats"]!["agentsByState"]!["Paused"]?.GetValue<int>() >= 1),
            TimeSpan.FromSeconds(5));
        Assert.NotNull(moved);

        // A supervisor limited to another campaign does not hear this one's agents.
        var otherCampaign = await CampaignAsync();
        using var scoped = await server.ClientAsync("supervisor", campaignIds: [otherCampaign]);
        using var scopedStream = await SseReader.OpenAsync(scoped, "/api/events");
        var scopedDashboard = await scopedStream.NextAsync(e => e.Type == "dashboard", TimeSpan.FromSeconds(10));
        Assert.All(scopedDashboard.Data["campaigns"]!.AsArray(), c => Assert.Equal(otherCampaign, c!["id"]!.GetValue<string>()));
        using (var ready = await server.Http.PostAsync($"/api/agents/{agent}/ready", null)) Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await stream.NextAsync(e => e.Type == "agent" && e.Data["id"]!.GetValue<string>() == agent && e.Data["status"]!.GetValue<string>() == "Ready", TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            scopedStream.NextAsync(e => e.Type == "agent" && e.Data["id"]!.GetValue<string>() == agent, TimeSpan.FromSeconds(2)));
    }
}
