using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Common;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ContactCenter.Api.Tests;

/// <summary>
/// Issue 12: one grain whose stored state cannot be read must not take down a list. The product is
/// stopped, one campaign's and one agent's stored rows are damaged through SQL, and a freshly started
/// product (new process state, cold caches, so every grain reads its row again) serves the rest.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnreadableStateTests(ApiServer server)
{
    private sealed class Node(WebApplication app, HttpClient http) : IAsyncDisposable
    {
        public HttpClient Http => http;

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<Node> StartAsync(string connectionString)
    {
        var url = $"http://127.0.0.1:{ApiServer.FreePort()}";
        var app = await ContactCenterApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(ApiServer.Settings(connectionString, url, "Silo")));
        await app.StartAsync();
        return new Node(app, await TestAccounts.AdminClientAsync(new Uri(url)));
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Bytes no serializer reads back as the grain's state; the row stays, so the grain exists but cannot load.</summary>
    private static async Task<int> DamageAsync(string connectionString, string stateName, string id)
    {
        // Orleans' ADO.NET storage keeps a string key that reads as hexadecimal (a campaign's id) as an
        // integer key in GrainIdN1, any other in GrainIdExtensionString.
        var integerKey = long.TryParse(id, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var n1) ? n1 : (long?)null;
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var damage = new NpgsqlCommand(
            """
            UPDATE orleansstorage SET payloadbinary = decode('ffffffffffffffffffff', 'hex')
            WHERE graintypestring = @type
              AND (grainidextensionstring = @id OR (grainidextensionstring IS NULL AND grainidn0 = 0 AND grainidn1 = @n1))
            """, db);
        damage.Parameters.AddWithValue("type", stateName);
        damage.Parameters.AddWithValue("id", id);
        damage.Parameters.Add(new NpgsqlParameter<long?>("n1", integerKey));
        return await damage.ExecuteNonQueryAsync();
    }

    private static string[] UnreadableIds(HttpResponseMessage response) =>
        response.Headers.TryGetValues(GrainFanOut.HeaderName, out var values) ? string.Join(',', values).Split(',') : [];

    [Fact]
    public async Task OneUnreadableCampaignAndAgent_AfterRestart_ListsServeTheRest_AndTheBadOnesAnswerProblemDetails()
    {
        var connectionString = await server.Postgres.CreateDatabaseAsync("unreadable_" + Guid.NewGuid().ToString("N")[..8]);
        var campaignIds = new List<string>();
        var agentIds = new List<string>();
        await using (var first = await StartAsync(connectionString))
        {
            foreach (var name in new[] { "Spring", "Summer", "Autumn" })
            {
                var created = await ReadAsync(await first.Http.PostAsJsonAsync("/api/campaigns", new { name, dialerType = "Preview", callerId = "+12125550000" }), HttpStatusCode.Created);
                campaignIds.Add(created["id"]!.GetValue<string>());
            }
            foreach (var id in new[] { "unreadable-agent", "fine-agent" })
            {
                await ReadAsync(await first.Http.PostAsJsonAsync("/api/agents", new { id, name = id }), HttpStatusCode.Created);
                agentIds.Add(id);
            }
        }
        var badCampaign = campaignIds[1];
        var badAgent = agentIds[0];
        Assert.Equal(1, await DamageAsync(connectionString, "campaign", badCampaign));
        Assert.Equal(1, await DamageAsync(connectionString, "agent", badAgent));

        await using var second = await StartAsync(connectionString);
        var http = second.Http;

        var campaigns = await http.GetAsync("/api/campaigns");
        var list = (await ReadAsync(campaigns, HttpStatusCode.OK)).AsArray();
        Assert.Equal(campaignIds.Where(id => id != badCampaign), list.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal([badCampaign], UnreadableIds(campaigns));

        var agents = await http.GetAsync("/api/agents");
        var agentList = (await ReadAsync(agents, HttpStatusCode.OK)).AsArray();
        Assert.Equal(["fine-agent"], agentList.Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal([badAgent], UnreadableIds(agents));

        var dashboardResponse = await http.GetAsync("/api/dashboard");
        var dashboard = await ReadAsync(dashboardResponse, HttpStatusCode.OK);
        Assert.Equal(2, dashboard["campaigns"]!.AsArray().Count);
        var unreadable = Assert.Single(dashboard["unreadable"]!.AsArray());
        Assert.Equal(badCampaign, unreadable!["id"]!.GetValue<string>());
        Assert.Contains("stored state could not be read", unreadable["detail"]!.GetValue<string>());
        Assert.Equal([badCampaign], UnreadableIds(dashboardResponse));

        var calls = await http.GetAsync("/api/calls?state=active");
        Assert.Empty((await ReadAsync(calls, HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Equal([badCampaign], UnreadableIds(calls));

        foreach (var (path, id) in new[] { ($"/api/campaigns/{badCampaign}", badCampaign), ($"/api/campaigns/{badCampaign}/stats", badCampaign), ($"/api/agents/{badAgent}", badAgent) })
        {
            var single = await http.GetAsync(path);
            var problem = await ReadAsync(single, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("application/problem+json", single.Content.Headers.ContentType?.MediaType);
            Assert.Equal("The stored state could not be read.", problem["title"]!.GetValue<string>());
            Assert.Equal(id, problem["entityId"]!.GetValue<string>());
            Assert.Contains($"'{id}'", problem["detail"]!.GetValue<string>());
        }

        // The readable ones are untouched.
        await ReadAsync(await http.GetAsync($"/api/campaigns/{campaignIds[0]}"), HttpStatusCode.OK);
        await ReadAsync(await http.GetAsync("/api/agents/fine-agent"), HttpStatusCode.OK);
    }
}
