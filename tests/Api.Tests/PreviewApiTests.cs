using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests;

/// <summary>The Preview dialer driven the way an agent desktop drives it.</summary>
[Collection(ApiCollection.Name)]
public sealed class PreviewApiTests(ApiServer server)
{
    private HttpClient Http => server.Http;

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    [Fact]
    public async Task Preview_AgentSeesProfile_Skips_Dials_WrapsUp()
    {
        var list = await SendAsync(HttpMethod.Post, "/api/lists", new { name = "Preview list" }, HttpStatusCode.Created);
        var listId = list["id"]!.GetValue<long>();
        await SendAsync(HttpMethod.Post, "/api/leads", new { listId, firstName = "Pat", lastName = "One", phone = "+12127341001", address = "1 Main St", city = "New York", gender = "F", email = "pat@example.com", comments = "prefers mornings" }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Post, "/api/leads", new { listId, firstName = "Sam", lastName = "Two", phone = "+12127341002" }, HttpStatusCode.Created);
        var campaign = await SendAsync(HttpMethod.Post, "/api/campaigns", new
        {
            name = "Preview sale", dialerType = "Preview", callerId = "+12125550000", listIds = new[] { listId },
            callingWindow = new { start = "00:00", end = "23:59" },
            simulation = new { answerRate = 1.0, busyRate = 0.0, noAnswerRate = 0.0, voicemailRate = 0.0, ringSeconds = 0.05, talkSeconds = 0.1 },
        }, HttpStatusCode.Created);
        var campaignId = campaign["id"]!.GetValue<string>();
        var agentId = (await SendAsync(HttpMethod.Post, "/api/agents", new { name = "Previewer" }, HttpStatusCode.Created))["id"]!.GetValue<string>();

        await SendAsync(HttpMethod.Get, $"/api/agents/{agentId}/preview", null, HttpStatusCode.Conflict);
        await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/login", new { campaignId }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/start", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/ready", null, HttpStatusCode.OK);

        JsonNode? preview = null;
        for (var i = 0; i < 100 && preview is null; i++)
        {
            var response = await Http.GetAsync($"/api/agents/{agentId}/preview");
            if (response.StatusCode == HttpStatusCode.OK) preview = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            else { Assert.Equal(HttpStatusCode.NoContent, response.StatusCode); await Task.Delay(50); }
        }
        Assert.NotNull(preview);
        var lead = preview!["lead"]!;
        Assert.Equal("Pat", lead["firstName"]!.GetValue<string>());
        Assert.Equal("1 Main St", lead["address"]!.GetValue<string>());
        Assert.Equal("prefers mornings", lead["comments"]!.GetValue<string>());
        Assert.Empty(preview["previousAttempts"]!.AsArray());

        await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/preview/skip", new { reason = "wants email first" }, HttpStatusCode.NoContent);
        JsonNode? next = null;
        for (var i = 0; i < 100; i++)
        {
            next = await SendAsync(HttpMethod.Get, $"/api/agents/{agentId}/preview", null, HttpStatusCode.OK);
            if (next["lead"]!["firstName"]!.GetValue<string>() == "Sam") break;
            await Task.Delay(50);
        }
        Assert.Equal("Sam", next!["lead"]!["firstName"]!.GetValue<string>());

        var dialed = await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/preview/dial", null, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(dialed["callId"]!.GetValue<string>()));
        string status = "";
        for (var i = 0; i < 200 && status != "WrapUp"; i++)
        {
            status = (await SendAsync(HttpMethod.Get, $"/api/agents/{agentId}", null, HttpStatusCode.OK))["status"]!.GetValue<string>();
            await Task.Delay(25);
        }
        Assert.Equal("WrapUp", status);
        var badDisposition = await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/wrapup", new { disposition = "Maybe" }, HttpStatusCode.BadRequest);
        Assert.NotNull(badDisposition["errors"]!["disposition"]);
        // The agent's desk in New York sends its own offset.
        var callbackAt = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(-5));
        var ready = await SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/wrapup", new { disposition = "Callback", callbackAt, notes = "call back tomorrow", personalCallback = true }, HttpStatusCode.OK);
        Assert.Equal("Ready", ready["status"]!.GetValue<string>());
        var sam = await SendAsync(HttpMethod.Get, $"/api/leads/{next["lead"]!["id"]!.GetValue<long>()}", null, HttpStatusCode.OK);
        Assert.Equal("Callback", sam["status"]!.GetValue<string>());
        Assert.Equal(callbackAt.ToUnixTimeMilliseconds(), sam["nextCallableAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        await SendAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/stop", null, HttpStatusCode.OK);
    }
}
