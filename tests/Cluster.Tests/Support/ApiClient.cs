using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>The product's REST API as a client sees it: every answer kept whole, a non-2xx shown with its problem details.</summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    /// <summary>The first admin's password every deployment of these tests starts with.</summary>
    public const string AdminPassword = "cluster-tests-admin-password";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    private readonly SemaphoreSlim signingIn = new(1, 1);
    private bool hasKey;

    public Uri BaseAddress => baseAddress;

    public Task<ApiResponse> GetAsync(string path, TimeSpan? timeout = null) => SendAsync(HttpMethod.Get, path, null, timeout);

    public Task<ApiResponse> PostAsync(string path, object? body = null, TimeSpan? timeout = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), timeout);

    /// <summary>GET that must answer 2xx; throws with the answer otherwise.</summary>
    public async Task<JsonNode> GetOkAsync(string path) => Ok(await GetAsync(path));

    /// <summary>POST that must answer 2xx; throws with the answer otherwise.</summary>
    public async Task<JsonNode> PostOkAsync(string path, object? body = null) => Ok(await PostAsync(path, body));

    /// <summary>Uploads a CSV of leads to a list and waits (at most <paramref name="timeout"/>) for the import to end.</summary>
    public async Task<JsonNode> ImportLeadsAsync(long listId, string csv, TimeSpan timeout)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        var accepted = Ok(await SendAsync(HttpMethod.Post, $"/api/lists/{listId}/imports", form, null));
        var id = accepted["id"]!.GetValue<long>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await GetOkAsync($"/api/imports/{id}");
            if (status["status"]!.GetValue<string>() != "Running") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} still running after {timeout}: {status.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Every page of a keyset-paginated lead search.</summary>
    public async Task<List<JsonNode>> LeadsAsync(long listId, string? status = null)
    {
        var leads = new List<JsonNode>();
        string? after = null;
        do
        {
            var query = $"/api/leads?listId={listId}&limit=1000" + (status is null ? "" : $"&status={status}") + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await GetOkAsync(query);
            leads.AddRange(page["items"]!.AsArray().Select(n => n!));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);
        return leads;
    }

    public void Dispose()
    {
        http.Dispose();
        signingIn.Dispose();
    }

    /// <summary>
    /// Signs in as admin the way an integration starts (a browser session, then an admin API key)
    /// and sends the key from then on. Tried again on the next request while the API is down.
    /// </summary>
    private async Task EnsureKeyAsync(CancellationToken ct)
    {
        if (hasKey) return;
        await signingIn.WaitAsync(ct);
        try
        {
            if (hasKey) return;
            var cookies = new System.Net.CookieContainer();
            using var session = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var login = await session.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword }, ct);
            if (!login.IsSuccessStatusCode) return;
            session.DefaultRequestHeaders.Add("X-XSRF-TOKEN", cookies.GetCookies(baseAddress)["XSRF-TOKEN"]?.Value ?? "");
            using var issued = await session.PostAsJsonAsync("/api/api-keys", new { name = "cluster tests", role = "admin" }, ct);
            if (!issued.IsSuccessStatusCode) return;
            var key = JsonNode.Parse(await issued.Content.ReadAsStringAsync(ct))!["key"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            hasKey = true;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The API is not answering yet; the request itself will say so.
        }
        finally
        {
            signingIn.Release();
        }
    }

    private static JsonNode Ok(ApiResponse response) =>
        response.IsSuccess ? response.Json : throw new HttpRequestException($"Expected 2xx: {response.Describe()}");

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, TimeSpan? timeout)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var sentAt = DateTimeOffset.UtcNow;
        try
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal)) await EnsureKeyAsync(cancel.Token);
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await http.SendAsync(request, cancel.Token);
            var body = await response.Content.ReadAsStringAsync(cancel.Token);
            return new ApiResponse(method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, null, sentAt);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            var error = ex is OperationCanceledException ? $"no answer within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s" : ex.Message;
            return new ApiResponse(method.Method, path, 0, null, "", error, sentAt);
        }
    }
}
