using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class BroadcastApiTests(ApiServer server)
{
    private const string Script = """
        version: 1
        name: Opt-out check
        greeting: Hello, this is Ava from Acme.
        start: offer
        intents:
          - {name: no, examples: [no, no thanks, I am not interested], dtmf: "2"}
          - {name: stop, examples: [stop calling me, take me off your list], dtmf: "9"}
        globalIntents: {stop: dnc}
        dispositions: {dnc: Do Not Call, not-interested: Not Interested, hangup: No Answer, no-response: No Answer}
        nodes:
          - {id: offer, kind: ask, prompt: Can we tell you about our offer?, branches: {no: goodbye}}
          - {id: dnc, kind: action, action: {type: doNotCall}, next: bye}
          - {id: bye, kind: end, closing: Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Goodbye.}
        """;

    private HttpClient Http => server.Http;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    [Fact]
    public async Task BroadcastCampaign_OverHttp_StoresTheConversationOfEveryAnsweredCall()
    {
        var script = await ReadAsync(await Http.PostAsync("/api/agent-scripts", new StringContent(Script, Encoding.UTF8, "application/yaml")), HttpStatusCode.Created);
        var scriptId = script["id"]!.GetValue<string>();
        var list = await ReadAsync(await Http.PostAsJsonAsync("/api/lists", new { name = "AI leads", defaultRegion = "US" }), HttpStatusCode.Created);
        var listId = list["id"]!.GetValue<long>();
        foreach (var phone in new[] { "(212) 734-0211", "(212) 734-0212", "(212) 734-0213" })
            await ReadAsync(await Http.PostAsJsonAsync("/api/leads", new { listId, phone }), HttpStatusCode.Created);

        var body = new
        {
            name = "AI opt-out check", dialerType = "Broadcast", callerId = "+12125550000", listIds = new[] { listId },
            agentScriptId = scriptId, agentScriptVersion = 1, maxCallsPerSecond = 20, maxConcurrentCalls = 2,
            callingWindow = new { start = "00:00", end = "23:59" },
            simulation = new { answerRate = 1, busyRate = 0, noAnswerRate = 0, voicemailRate = 0, ringSeconds = 0.05, talkSeconds = 30, callerReplies = new[] { new[] { "stop calling me" } } },
        };
        var campaign = await ReadAsync(await Http.PostAsJsonAsync("/api/campaigns", body), HttpStatusCode.Created);
        var campaignId = campaign["id"]!.GetValue<string>();
        Assert.Equal(scriptId, campaign["definition"]!["agentScriptId"]!.GetValue<string>());
        await ReadAsync(await Http.PostAsync($"/api/campaigns/{campaignId}/start", null), HttpStatusCode.OK);

        JsonArray calls = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            calls = (await ReadAsync(await Http.GetAsync($"/api/calls?state=completed&campaignId={campaignId}"), HttpStatusCode.OK))["items"]!.AsArray();
            if (calls.Count == 3 && calls.All(c => c!["status"]!.GetValue<string>() == "Completed")) break;
            await Task.Delay(100);
        }
        Assert.Equal(3, calls.Count);
        foreach (var call in calls)
        {
            Assert.Equal("Do Not Call", call!["disposition"]!.GetValue<string>());
            var conversation = await ReadAsync(await Http.GetAsync($"/api/calls/{call["id"]!.GetValue<string>()}/conversation"), HttpStatusCode.OK);
            Assert.Equal("dnc", conversation["outcome"]!.GetValue<string>());
            Assert.Equal("Do Not Call", conversation["disposition"]!.GetValue<string>());
            Assert.Contains("stop", conversation["intents"]!.AsArray().Select(i => i!.GetValue<string>()));
            Assert.Contains(conversation["transcript"]!.AsArray(), t => t!["text"]!.GetValue<string>() == "stop calling me");
            Assert.NotNull(conversation["summary"]);
            Assert.NotNull(conversation["sentiment"]!["score"]);
        }
        var trunk = await ReadAsync(await Http.GetAsync("/api/trunks/simulated"), HttpStatusCode.OK);
        Assert.Equal(200, trunk["capacity"]!.GetValue<int>());
        Assert.InRange(trunk["peak"]!.GetValue<int>(), 1, 2); // this campaign's cap of 2 (no other Broadcast campaign runs here)
    }

    [Fact]
    public async Task BroadcastCampaign_UnknownScriptOrVersion_Is400AndUnknownConversationIs404()
    {
        var unknown = await ReadAsync(await Http.PostAsJsonAsync("/api/campaigns", new { name = "AI", dialerType = "Broadcast", agentScriptId = "missing-script" }), HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]!["agentScriptId"]);
        var none = await ReadAsync(await Http.PostAsJsonAsync("/api/campaigns", new { name = "AI", dialerType = "Broadcast" }), HttpStatusCode.BadRequest);
        Assert.NotNull(none["errors"]!["agentScriptId"]);
        var script = await ReadAsync(await Http.PostAsync("/api/agent-scripts", new StringContent(Script, Encoding.UTF8, "text/yaml")), HttpStatusCode.Created);
        var badVersion = await ReadAsync(await Http.PostAsJsonAsync("/api/campaigns", new { name = "AI", dialerType = "Broadcast", agentScriptId = script["id"]!.GetValue<string>(), agentScriptVersion = 4 }), HttpStatusCode.BadRequest);
        Assert.Contains("version 4", badVersion["errors"]!["agentScriptId"]![0]!.GetValue<string>());
        await ReadAsync(await Http.GetAsync("/api/calls/no-such-call/conversation"), HttpStatusCode.NotFound);
    }
}
