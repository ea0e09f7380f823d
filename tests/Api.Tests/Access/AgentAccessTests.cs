using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Access;

/// <summary>Agents see only their own work; supervisors limited to campaigns see only those.</summary>
[Collection(ApiCollection.Name)]
public sealed class AgentAccessTests(ApiServer server)
{
    private static Task<JsonNode> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode expected) => Expect.StatusAsync(call, expected);

    private async Task<(string CampaignId, long ListId)> PreviewCampaignAsync(string name, double talkSeconds)
    {
        var list = await ExpectAsync(server.Http.PostAsJsonAsync("/api/lists", new { name }), HttpStatusCode.Created);
        var listId = list["id"]!.GetValue<long>();
        foreach (var phone in new[] { "+12127342001", "+12127342002", "+12127342003" })
            await ExpectAsync(server.Http.PostAsJsonAsync("/api/leads", new { listId, firstName = "Lee", lastName = name, phone }), HttpStatusCode.Created);
        var campaign = await ExpectAsync(server.Http.PostAsJsonAsync("/api/campaigns", new
        {
            name, dialerType = "Preview", callerId = "+12125550000", listIds = new[] { listId },
            callingWindow = new { start = "00:00", end = "23:59" },
            simulation = new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.05, talkSeconds },
        }), HttpStatusCode.Created);
        return (campaign["id"]!.GetValue<string>(), listId);
    }

    private async Task<string> AgentAsync(string prefix) =>
        (await ExpectAsync(server.Http.PostAsJsonAsync("/api/agents", new { name = prefix, id = prefix + "-" + Guid.NewGuid().ToString("N")[..6] }), HttpStatusCode.Created))["id"]!.GetValue<string>();

    [Fact]
    public async Task Agent_WorksItsOwnLeadAndCall_AndNothingElse()
    {
        var (campaignId, listId) = await PreviewCampaignAsync("Own work", talkSeconds: 600);
        var (otherCampaign, _) = await PreviewCampaignAsync("Other work", talkSeconds: 1);
        var me = await AgentAsync("me");
        var other = await AgentAsync("other");
        await ExpectAsync(server.Http.PostAsJsonAsync($"/api/campaigns/{campaignId}/agents", new { agentIds = new[] { me, other } }), HttpStatusCode.OK);
        using var mine = await server.ClientAsync("agent", me);
        using var theirs = await server.ClientAsync("agent", other);

        // Another agent's desk, the campaign before logging in, and supervisors' reads are refused.
        await ExpectAsync(mine.PostAsync($"/api/agents/{other}/ready", null), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync($"/api/agents/{other}"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync($"/api/campaigns/{campaignId}"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync($"/api/leads?listId={listId}"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync($"/api/lists/{listId}/export"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync("/api/agents"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync("/api/dashboard"), HttpStatusCode.Forbidden);

        // What the desktop offers at login: the campaigns it may work, for this agent only.
        var choices = (await ExpectAsync(mine.GetAsync($"/api/agents/{me}/campaigns"), HttpStatusCode.OK)).AsArray();
        Assert.Contains(choices, c => c!["id"]!.GetValue<string>() == campaignId && c["name"]!.GetValue<string>() == "Own work");
        await ExpectAsync(theirs.GetAsync($"/api/agents/{me}/campaigns"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.PostAsJsonAsync($"/api/agents/{me}/login", new { campaignId }), HttpStatusCode.OK);
        await ExpectAsync(theirs.PostAsJsonAsync($"/api/agents/{other}/login", new { campaignId }), HttpStatusCode.OK);
        var campaign = await ExpectAsync(mine.GetAsync($"/api/campaigns/{campaignId}"), HttpStatusCode.OK);
        Assert.Equal(campaignId, campaign["id"]!.GetValue<string>());
        await ExpectAsync(mine.GetAsync($"/api/campaigns/{otherCampaign}"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.PostAsync($"/api/campaigns/{campaignId}/stop", null), HttpStatusCode.Forbidden);
        await ExpectAsync(server.Http.PostAsync($"/api/campaigns/{campaignId}/start", null), HttpStatusCode.OK);
        await ExpectAsync(mine.PostAsync($"/api/agents/{me}/ready", null), HttpStatusCode.OK);

        JsonNode? preview = null;
        for (var i = 0; i < 100 && preview is null; i++)
        {
            using var response = await mine.GetAsync($"/api/agents/{me}/preview");
            if (response.StatusCode == HttpStatusCode.OK) preview = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            else await Task.Delay(50);
        }
        Assert.NotNull(preview);
        var leadId = preview!["lead"]!["id"]!.GetValue<long>();
        // Another agent may not read this agent's preview card.
        await ExpectAsync(theirs.GetAsync($"/api/agents/{me}/preview"), HttpStatusCode.Forbidden);

        var callId = (await ExpectAsync(mine.PostAsync($"/api/agents/{me}/preview/dial", null), HttpStatusCode.OK))["callId"]!.GetValue<string>();
        string status = "";
        for (var i = 0; i < 200 && status != "Connected"; i++)
        {
            status = (await ExpectAsync(mine.GetAsync($"/api/agents/{me}"), HttpStatusCode.OK))["status"]!.GetValue<string>();
            await Task.Delay(25);
        }
        Assert.Equal("Connected", status);

        // The lead and call it is working: readable by it, not by the other agent; other leads not at all.
        Assert.Equal(leadId, (await ExpectAsync(mine.GetAsync($"/api/leads/{leadId}"), HttpStatusCode.OK))["id"]!.GetValue<long>());
        await ExpectAsync(mine.GetAsync($"/api/calls/{callId}"), HttpStatusCode.OK);
        await ExpectAsync(theirs.GetAsync($"/api/leads/{leadId}"), HttpStatusCode.Forbidden);
        await ExpectAsync(theirs.GetAsync($"/api/calls/{callId}"), HttpStatusCode.Forbidden);
        await ExpectAsync(theirs.PostAsync($"/api/calls/{callId}/hangup", null), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync($"/api/leads/{leadId + 1}"), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.GetAsync($"/api/calls?state=active&campaignId={campaignId}"), HttpStatusCode.Forbidden);

        await ExpectAsync(mine.PostAsync($"/api/calls/{callId}/hangup", null), HttpStatusCode.Accepted);
        for (var i = 0; i < 200 && status != "WrapUp"; i++)
        {
            status = (await ExpectAsync(mine.GetAsync($"/api/agents/{me}"), HttpStatusCode.OK))["status"]!.GetValue<string>();
            await Task.Delay(25);
        }
        Assert.Equal("WrapUp", status);
        await ExpectAsync(theirs.PostAsJsonAsync($"/api/agents/{me}/wrapup", new { disposition = "Sale" }), HttpStatusCode.Forbidden);
        await ExpectAsync(mine.PostAsJsonAsync($"/api/agents/{me}/wrapup", new { disposition = "Sale", notes = "paid" }), HttpStatusCode.OK);
        await ExpectAsync(server.Http.PostAsync($"/api/campaigns/{campaignId}/stop", null), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Supervisor_LimitedToACampaign_TouchesOnlyThatCampaign()
    {
        var (mineId, _) = await PreviewCampaignAsync("Supervised", talkSeconds: 1);
        var (otherId, _) = await PreviewCampaignAsync("Not supervised", talkSeconds: 1);
        using var supervisor = await server.ClientAsync("supervisor", campaignIds: [mineId]);

        await ExpectAsync(supervisor.GetAsync($"/api/campaigns/{mineId}/stats"), HttpStatusCode.OK);
        await ExpectAsync(supervisor.GetAsync($"/api/campaigns/{otherId}/stats"), HttpStatusCode.Forbidden);
        await ExpectAsync(supervisor.PostAsync($"/api/campaigns/{otherId}/start", null), HttpStatusCode.Forbidden);
        await ExpectAsync(supervisor.GetAsync($"/api/calls?state=completed&campaignId={mineId}"), HttpStatusCode.OK);
        await ExpectAsync(supervisor.GetAsync($"/api/calls?state=completed&campaignId={otherId}"), HttpStatusCode.Forbidden);
        await ExpectAsync(supervisor.GetAsync("/api/calls?state=completed"), HttpStatusCode.Forbidden);
        await ExpectAsync(supervisor.GetAsync($"/api/reports/agents?campaignId={mineId}"), HttpStatusCode.OK);
        await ExpectAsync(supervisor.GetAsync("/api/users"), HttpStatusCode.Forbidden);
        await ExpectAsync(supervisor.PostAsJsonAsync("/api/api-keys", new { name = "escalate", role = "admin" }), HttpStatusCode.Forbidden);

        // An agent working the other campaign is out of reach; one working this campaign is not.
        var outside = await AgentAsync("outside");
        await ExpectAsync(server.Http.PostAsJsonAsync($"/api/campaigns/{otherId}/agents", new { agentIds = new[] { outside } }), HttpStatusCode.OK);
        await ExpectAsync(server.Http.PostAsJsonAsync($"/api/agents/{outside}/login", new { campaignId = otherId }), HttpStatusCode.OK);
        await ExpectAsync(supervisor.PostAsync($"/api/agents/{outside}/logout", null), HttpStatusCode.Forbidden);
        var inside = await AgentAsync("inside");
        await ExpectAsync(server.Http.PostAsJsonAsync($"/api/campaigns/{mineId}/agents", new { agentIds = new[] { inside } }), HttpStatusCode.OK);
        await ExpectAsync(supervisor.PostAsJsonAsync($"/api/agents/{inside}/login", new { campaignId = mineId }), HttpStatusCode.OK);
        await ExpectAsync(supervisor.PostAsync($"/api/agents/{inside}/logout", null), HttpStatusCode.OK);
    }
}
