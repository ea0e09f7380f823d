using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AgentScriptsApiTests(ApiServer server)
{
    private const string Yaml = """
        version: 1
        name: Renewal reminder
        greeting: Hello, this is Ava from Acme.
        start: offer
        intents:
          - {name: yes, examples: [yes, sure], dtmf: "1"}
          - {name: no, examples: [no, no thanks], dtmf: "2"}
        dispositions: {not-interested: Not Interested}
        nodes:
          # comments survive in the stored source
          - {id: offer, kind: ask, prompt: Shall we renew?, branches: {yes: bye, no: nope}}
          - {id: bye, kind: end, closing: Thank you.}
          - {id: nope, kind: end, outcome: not-interested, closing: Goodbye.}
        """;

    private HttpClient Http => server.Http;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string contentType) =>
        Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) });

    [Fact]
    public async Task CreateYaml_ThenUpdateJson_VersionsAreKeptAndLatestWins()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/agent-scripts", Yaml, "application/yaml");
        var v1 = await ReadAsync(created, HttpStatusCode.Created);
        var id = v1["id"]!.GetValue<string>();
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        Assert.Equal("Renewal reminder", v1["name"]!.GetValue<string>());
        Assert.Equal("yaml", v1["format"]!.GetValue<string>());
        Assert.Contains("# comments survive", v1["source"]!.GetValue<string>());
        Assert.Equal($"/api/agent-scripts/{id}", created.Headers.Location!.OriginalString);

        // The engine's JSON of version 1, renamed, goes back as version 2.
        var script = v1["script"]!.AsObject();
        script["name"] = "Renewal reminder v2";
        var v2 = await ReadAsync(await SendAsync(HttpMethod.Put, $"/api/agent-scripts/{id}", script.ToJsonString(), "application/json"), HttpStatusCode.OK);
        Assert.Equal(2, v2["version"]!.GetValue<int>());
        Assert.Equal("json", v2["format"]!.GetValue<string>());

        var latest = await ReadAsync(await Http.GetAsync($"/api/agent-scripts/{id}"), HttpStatusCode.OK);
        Assert.Equal(2, latest["version"]!.GetValue<int>());
        Assert.Equal("Renewal reminder v2", latest["script"]!["name"]!.GetValue<string>());
        var first = await ReadAsync(await Http.GetAsync($"/api/agent-scripts/{id}/versions/1"), HttpStatusCode.OK);
        Assert.Equal("Renewal reminder", first["script"]!["name"]!.GetValue<string>());
        var versions = await ReadAsync(await Http.GetAsync($"/api/agent-scripts/{id}/versions"), HttpStatusCode.OK);
        Assert.Equal([1, 2], versions.AsArray().Select(v => v!["version"]!.GetValue<int>()));

        var list = await ReadAsync(await Http.GetAsync("/api/agent-scripts"), HttpStatusCode.OK);
        var entry = list.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(2, entry["latestVersion"]!.GetValue<int>());
        Assert.Equal("Renewal reminder v2", entry["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithChosenId_SecondCreateConflictsAndUnknownIdsAre404()
    {
        var id = "renewal-" + Guid.NewGuid().ToString("N")[..6];
        await ReadAsync(await SendAsync(HttpMethod.Post, $"/api/agent-scripts?id={id}", Yaml, "text/yaml"), HttpStatusCode.Created);
        await ReadAsync(await SendAsync(HttpMethod.Post, $"/api/agent-scripts?id={id}", Yaml, "text/yaml"), HttpStatusCode.Conflict);
        await ReadAsync(await Http.GetAsync($"/api/agent-scripts/{id}/versions/7"), HttpStatusCode.NotFound);
        await ReadAsync(await Http.GetAsync("/api/agent-scripts/nobody-here"), HttpStatusCode.NotFound);
        await ReadAsync(await SendAsync(HttpMethod.Put, "/api/agent-scripts/nobody-here", Yaml, "application/yaml"), HttpStatusCode.NotFound);
        await ReadAsync(await SendAsync(HttpMethod.Post, "/api/agent-scripts?id=bad%20id", Yaml, "application/yaml"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_InvalidScript_ListsEveryIssueWithItsPath()
    {
        var broken = Yaml.Replace("branches: {yes: bye, no: nope}", "branches: {yes: gone, maybe: bye}").Replace("start: offer", "start: nowhere");
        var problem = await ReadAsync(await SendAsync(HttpMethod.Post, "/api/agent-scripts", broken, "application/yaml"), HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        var text = errors.ToJsonString();
        Assert.True(errors.Count >= 3, text);
        Assert.Contains(errors, e => e.Key == "start");
        Assert.Contains(errors, e => e.Key.Contains("offer", StringComparison.Ordinal) && e.Key.Contains("yes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.Contains("offer", StringComparison.Ordinal) && e.Key.Contains("maybe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_MalformedOrUnsupportedBody_IsRefusedClearly()
    {
        var malformed = await ReadAsync(await SendAsync(HttpMethod.Post, "/api/agent-scripts", "{\"version\": 1, \"nodes\": [", "application/json"), HttpStatusCode.BadRequest);
        Assert.Contains("JSON", malformed["errors"]!["body"]![0]!.GetValue<string>());
        var unknown = await ReadAsync(await SendAsync(HttpMethod.Post, "/api/agent-scripts", Yaml + "\ncolour: blue\n", "application/yaml"), HttpStatusCode.BadRequest);
        Assert.Contains("colour", unknown.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await ReadAsync(await SendAsync(HttpMethod.Post, "/api/agent-scripts", Yaml, "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await ReadAsync(await SendAsync(HttpMethod.Post, "/api/agent-scripts", "", "application/json"), HttpStatusCode.BadRequest);
    }
}
