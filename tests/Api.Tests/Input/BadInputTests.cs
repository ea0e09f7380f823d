using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Leads;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Input;

/// <summary>Issue 13's findings, one by one: each bad input is a 400 problem that names the field, and nothing of it is saved.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task Campaign_SimulatedSecondsOutOfRange_IsRefusedAndTheListStaysWhole()
    {
        var before = (await ListCampaignsAsync()).Count;
        foreach (var value in new[] { "1e400", "-1e400", "1.8e308" })
        {
            var body = $"{{\"name\":\"Infinite\",\"dialerType\":\"Auto\",\"simulation\":{{\"ringSeconds\":{value},\"talkSeconds\":20}}}}";
            var problem = await ProblemAsync(await Http.PostAsync("/api/campaigns", Json(body)));
            Assert.NotNull(problem["errors"]!["simulation.ringSeconds"]);
        }
        var tooLong = await ProblemAsync(await Http.PostAsJsonAsync("/api/campaigns", new { name = "Long", simulation = new { ringSeconds = 1e9 } }));
        Assert.NotNull(tooLong["errors"]!["simulation"]);
        Assert.Equal(before, (await ListCampaignsAsync()).Count);
    }

    [Fact]
    public async Task Nul_IsRefusedInBodiesQueriesAndPaths()
    {
        var list = await ProblemAsync(await Http.PostAsync("/api/lists", Json("{\"name\":\"a\\u0000b\"}")));
        Assert.Contains("NUL", list["errors"]!["name"]![0]!.GetValue<string>());
        var lead = await ProblemAsync(await Http.PostAsync("/api/leads", Json("{\"listId\":1,\"phone\":\"2127340199\",\"customFields\":{\"k\":\"a\\u0000b\"}}")));
        Assert.NotNull(lead["errors"]!["customFields.k"]);
        var filter = await ProblemAsync(await Http.GetAsync("/api/calls?state=completed&campaignId=a%00b"));
        Assert.NotNull(filter["errors"]!["campaignId"]);
        var segment = await ProblemAsync(await Http.GetAsync("/api/agents/a%01b"));
        Assert.NotNull(segment["errors"]!["id"]);
        // A NUL in the path itself Kestrel refuses before the application sees the request.
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/agents/a%00b")).StatusCode);
    }

    [Fact]
    public async Task Text_OverItsLimit_IsRefusedStatingTheLimit()
    {
        var dnc = await ProblemAsync(await Http.PostAsJsonAsync("/api/dnc", new { phone = "6465550177", campaignId = new string('c', 1_000_000) }));
        Assert.Contains("At most 64 characters", dnc["errors"]!["campaignId"]![0]!.GetValue<string>());
        var listId = await new LeadApiClient(Http).CreateListAsync();
        var lead = await ProblemAsync(await Http.PostAsJsonAsync("/api/leads", new { listId, phone = "2127340199", firstName = new string('f', 201) }));
        Assert.Contains("At most 200 characters", lead["errors"]!["firstName"]![0]!.GetValue<string>());
        var agent = await ProblemAsync(await Http.GetAsync("/api/agents/" + new string('a', 65)));
        Assert.NotNull(agent["errors"]!["id"]);
        var entries = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?phone=6465550177"), HttpStatusCode.OK);
        Assert.Empty(entries["items"]!.AsArray());
    }

    [Fact]
    public async Task BlankFilters_CountAsAbsent_BlankIdsAreRefused()
    {
        foreach (var filter in new[] { "campaignId=", "campaignId=%20", "agentId=%20%20" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/api/calls?{filter}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/api/calls?state=completed&{filter}")).StatusCode);
        }
        var blank = await ProblemAsync(await Http.GetAsync("/api/agents/%20"));
        Assert.Contains("blank", blank["errors"]!["id"]![0]!.GetValue<string>());
        var campaign = await ProblemAsync(await Http.PostAsync("/api/campaigns/%20%20/start", null));
        Assert.NotNull(campaign["errors"]!["id"]);
    }

    [Fact]
    public async Task NullItems_InLists_AreRefused()
    {
        var dispositions = await ProblemAsync(await Http.PostAsync("/api/campaigns", Json("{\"name\":\"Holes\",\"dispositions\":[null]}")));
        Assert.True(dispositions["errors"]!["dispositions[0]"] is not null, dispositions.ToJsonString());
        var weekdays = await ProblemAsync(await Http.PostAsync("/api/campaigns", Json("{\"name\":\"Holes\",\"callingWindow\":{\"weekdays\":[null]}}")));
        Assert.True(weekdays["errors"]!["callingWindow.weekdays[0]"] is not null, weekdays.ToJsonString());
    }

    [Fact]
    public async Task LeadImport_HeaderNamingAColumnTwice_Is400NamingIt()
    {
        var api = new LeadApiClient(Http);
        var listId = await api.CreateListAsync();
        var problem = await ProblemAsync(await api.PostImportAsync(listId, LeadApiClient.Utf8("Phone,Name,Notes, name\n2127340199,a,b,c\n")));
        Assert.Contains("'name' more than once (columns 2 and 4)", problem["errors"]!["file"]![0]!.GetValue<string>());
        var blanks = await ProblemAsync(await api.PostImportAsync(listId, LeadApiClient.Utf8("Phone,,\n2127340199,a,b\n")));
        Assert.Contains("2 columns without a name", blanks["errors"]!["file"]![0]!.GetValue<string>());
        Assert.Empty(await api.LeadsAsync(listId));
    }

    [Fact]
    public async Task DncImport_HeaderNamingAColumnTwice_Is400AndAddsNothing()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(LeadApiClient.Utf8("Phone,Name,PHONE\n6465550188,a,b\n")), "file", "dnc.csv" } };
        var problem = await ProblemAsync(await Http.PostAsync("/api/dnc/imports", form));
        Assert.Contains("'PHONE' more than once", problem["errors"]!["file"]![0]!.GetValue<string>());
        var entries = await LeadApiClient.ReadAsync(await Http.GetAsync("/api/dnc?phone=6465550188"), HttpStatusCode.OK);
        Assert.Empty(entries["items"]!.AsArray());
    }

    private async Task<List<JsonNode?>> ListCampaignsAsync() =>
        [.. (await LeadApiClient.ReadAsync(await Http.GetAsync("/api/campaigns"), HttpStatusCode.OK)).AsArray()];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }
}
