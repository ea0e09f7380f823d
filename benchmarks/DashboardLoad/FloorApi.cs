using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>Calls to the API that must succeed; a refusal stops the run with the answer's body.</summary>
public static class FloorApi
{
    public static async Task<JsonNode> PostAsync(HttpClient http, string path, object? body = null)
    {
        using var response = await http.PostAsJsonAsync(path, body ?? new { });
        return await ReadAsync(response, "POST " + path);
    }

    public static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response, "GET " + path);
    }

    public static async Task<JsonNode> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return await ReadAsync(response, $"{request.Method} {request.RequestUri}");
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }
}
