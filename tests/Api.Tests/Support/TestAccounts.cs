using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactCenter.Api.Tests.Support;

/// <summary>Signing in the way a browser or an integration does, and issuing API keys through the API.</summary>
public static class TestAccounts
{
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>A client with a browser session: the cookie jar holds the session, writes send the antiforgery token.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string username, string password)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password });
        if (login.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Sign-in as {username} answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        var token = cookies.GetCookies(baseAddress)["XSRF-TOKEN"]?.Value
            ?? throw new InvalidOperationException("Sign-in set no XSRF-TOKEN cookie.");
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        return http;
    }

    /// <summary>Signs in as admin and issues a key with <paramref name="role"/>; returns the key.</summary>
    public static async Task<string> IssueKeyAsync(HttpClient admin, string role, string? agentId = null, IEnumerable<string>? campaignIds = null, string? name = null)
    {
        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = name ?? $"tests {role}", role, agentId, campaignIds = campaignIds?.ToList() });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Issuing a {role} key answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
    }

    public static HttpClient WithKey(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>An admin API key client for a freshly started node, signed in with <see cref="AdminPassword"/>.</summary>
    public static async Task<HttpClient> AdminClientAsync(Uri baseAddress)
    {
        using var session = await SignInAsync(baseAddress, "admin", AdminPassword);
        return WithKey(baseAddress, await IssueKeyAsync(session, "admin", name: "tests admin"));
    }
}
