using System.Globalization;
using ContactCenter.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Audit;

/// <summary>The audit trail, for admins.</summary>
public static class AuditApi
{
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/audit", QueryAsync).WithTags("Audit").WithName("GetAuditTrail")
            .WithSummary("State-changing requests, newest first, by actor, method, path prefix and time; before=<id> pages")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<List<AuditEntry>>> QueryAsync(AuditStore store, string? actor, string? method, string? path, string? from, string? to, long? before, int? limit, CancellationToken ct)
    {
        var query = new AuditQuery(
            Text(actor, "actor", 100),
            Text(method, "method", 10)?.ToUpperInvariant(),
            Text(path, "path", 2000),
            Time(from, "from"),
            Time(to, "to"),
            before,
            limit ?? 100);
        Problem.Require(query.Limit is >= 1 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit}.");
        return TypedResults.Ok(await store.QueryAsync(query, ct));
    }

    private static string? Text(string? value, string field, int max)
    {
        if (string.IsNullOrEmpty(value)) return null;
        Problem.Require(value.Length <= max && !value.Contains('\0', StringComparison.Ordinal), field, $"At most {max} characters, no NUL.");
        return value;
    }

    private static DateTimeOffset? Time(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) return null;
        Problem.Require(DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at), field, "An ISO 8601 time, e.g. 2026-12-03T09:00:00Z.");
        return at;
    }
}
