using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.Api.Tests.Leads;
using ContactCenter.Api.Tests.Support;

namespace ContactCenter.Api.Tests.Hosting;

/// <summary>Issue 13: request bodies have a size limit (1 MiB, uploads 2 GiB), and a larger one is a 413 that states it.</summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLimitsTests(ApiServer server)
{
    [Fact]
    public async Task JsonBody_OverOneMebibyte_Is413StatingTheLimit()
    {
        var body = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        var problem = await ProblemAsync(await server.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1,048,576 bytes", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_DeclaredLargerThanTheCap_Is413BeforeTheBodyIsSent()
    {
        var listId = await new LeadApiClient(server.Http).CreateListAsync();
        var file = new GeneratedCsvStream("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\nPhone\n", 3L * 1024 * 1024 * 1024, "\r\n--b--\r\n");
        var content = new StreamContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        content.Headers.ContentLength = file.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/lists/{listId}/imports") { Content = content };
        request.Headers.ExpectContinue = true;

        var problem = await ProblemAsync(await server.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("2,147,483,648 bytes", problem["detail"]!.GetValue<string>());
        Assert.True(file.Position < 1024 * 1024, $"{file.Position:N0} bytes of the refused body were sent");
    }

    [Fact]
    public async Task UnknownPathAndWrongMethod_AnswerProblemDetails()
    {
        var missing = await ProblemAsync(await server.Http.GetAsync("/api/no-such-resource"), HttpStatusCode.NotFound);
        Assert.Equal(404, missing["status"]!.GetValue<int>());
        var method = await ProblemAsync(await server.Http.DeleteAsync("/api/agents"), HttpStatusCode.MethodNotAllowed);
        Assert.Equal(405, method["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnyBadInput_OfAnEndpoint_IsAProblemOfItsOwnStatus()
    {
        var unsupported = await ProblemAsync(await server.Http.PostAsync("/api/agents", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(415, unsupported["status"]!.GetValue<int>());
        var malformed = await ProblemAsync(await server.Http.PostAsync("/api/agents", new StringContent("{\"name\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.NotNull(malformed["errors"]);
        var wrongType = await ProblemAsync(await server.Http.PostAsJsonAsync("/api/agents", new { name = 5 }), HttpStatusCode.BadRequest);
        Assert.NotNull(wrongType["errors"]!["name"]);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }
}
