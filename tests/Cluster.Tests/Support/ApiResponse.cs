using System.Text.Json.Nodes;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>One HTTP exchange, sent at <paramref name="SentAt"/>; <see cref="Status"/> is 0 when no answer came (refused, reset, timed out).</summary>
public sealed record ApiResponse(string Method, string Path, int Status, string? ContentType, string Body, string? Error, DateTimeOffset SentAt)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonNode Json => JsonNode.Parse(Body.Length == 0 ? "{}" : Body) ?? throw new InvalidOperationException($"{Method} {Path}: empty JSON body.");

    /// <summary>"GET /x → 500 application/problem+json: {title, detail}" for reports.</summary>
    public string Describe(int maxBody = 600)
    {
        var what = Status == 0 ? $"no answer ({Error})" : $"{Status} {ContentType}";
        var body = Body.Length > maxBody ? Body[..maxBody] + "…" : Body;
        return IsSuccess || Status == 0 ? $"{Method} {Path} → {what}" : $"{Method} {Path} → {what}: {body}";
    }
}
