using System.Net;
using System.Text.Json.Nodes;

namespace ContactCenter.Api.Tests.Support;

/// <summary>One request's answer checked against the status a test expects, with the body shown when it differs.</summary>
public static class Expect
{
    /// <summary>The answer's JSON (an empty body reads as {}); an error status must come as problem details.</summary>
    public static async Task<JsonNode> StatusAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if ((int)expected >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }
}
