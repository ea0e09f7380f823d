using System.Net;
using System.Text.RegularExpressions;
using ContactCenter.Web.Tests.Support;

namespace ContactCenter.Web.Tests;

/// <summary>How the built UI is served: page routes, compression, cache headers, and the API's own 404s.</summary>
[Collection(WebCollection.Name)]
public sealed partial class WebUiServingTests(WebServer server)
{
    [Fact]
    public async Task PageRoutes_AnswerIndexHtml_Revalidated_AndCompressedWhenAccepted()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.BaseAddress };
        foreach (var path in new[] { "/", "/login", "/agent", "/dashboard", "/manage", "/manage/lists/7/import" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: {response.Headers.CacheControl}");
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }

        var html = await http.GetStringAsync("/agent");
        var script = ScriptPath().Match(html);
        Assert.True(script.Success, html);
        using var gzip = new HttpRequestMessage(HttpMethod.Get, script.Groups[1].Value);
        gzip.Headers.AcceptEncoding.ParseAdd("gzip");
        using var asset = await http.SendAsync(gzip);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gzip", Assert.Single(asset.Content.Headers.ContentEncoding));
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());
        using var plain = await http.GetAsync(script.Groups[1].Value);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        // The compressed copies are never served as files of their own.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(script.Groups[1].Value + ".br")).StatusCode);
    }

    [Fact]
    public async Task UnknownApiHealthAndOpenApiPaths_KeepTheir404ProblemDetails()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        foreach (var path in new[] { "/api/no-such-thing", "/api/agents/x/no-such-action", "/health/nothing", "/openapi/nothing", "/assets/missing.js" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptPath();
}
