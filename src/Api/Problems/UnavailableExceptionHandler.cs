using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Api.Problems;

/// <summary>
/// Turns failures of the cluster or the database into RFC 9457 problem details instead of a bare 500:
/// unavailable → 503 with Retry-After, a grain whose stored state cannot be read → 503 naming it,
/// a stored state that moved under the grain → 409. Runs after <see cref="DomainExceptionHandler"/>.
/// </summary>
public sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>
    /// Seconds a client should wait before trying again (RFC 9110 §10.2.3). Orleans declares a silo
    /// dead and a PostgreSQL restart reconnects within seconds; sooner only adds load to a struggling node.
    /// </summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var failure = FailureClassifier.Classify(exception);
        var details = failure.Kind switch
        {
            FailureKind.Unavailable => Unavailable(failure),
            FailureKind.StateUnreadable => Unreadable(failure, http),
            FailureKind.Conflict => Conflict(failure),
            _ => null,
        };
        if (details is null) return false;

        // ASP.NET Core 10 no longer logs exceptions an IExceptionHandler handled, and these are the ones
        // an operator needs to see. The route's pattern, not its path: a DNC path carries a phone number.
        // The middleware clears the endpoint and route values before it calls handlers; its feature keeps them.
        var handling = http.Features.Get<IExceptionHandlerFeature>();
        var route = ((handling?.Endpoint ?? http.GetEndpoint()) as RouteEndpoint)?.RoutePattern.RawText ?? "-";
        LogHandled(logger, details.Status ?? 500, http.Request.Method, route, failure.Kind, failure.Cause, Describe(failure) ?? "-", exception);

        http.Response.StatusCode = details.Status ?? 500;
        if (failure.Kind == FailureKind.Unavailable)
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails Unavailable(Failure failure) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "The service is temporarily unavailable.",
        Detail = $"The cluster or the database did not answer ({failure.Cause}). Try again in {RetryAfterSeconds} seconds.",
    };

    /// <summary>
    /// 503 rather than 500: the product is sound and every other entity is served, only this one cannot
    /// be loaded. No Retry-After, because waiting does not help: the stored row has to be repaired, or a
    /// build that reads it deployed.
    /// </summary>
    private static ProblemDetails Unreadable(Failure failure, HttpContext http)
    {
        // The exception names the grain whose storage failed, which may not be the one the URL names
        // (an agent's login touches its campaign); the route's id is the fallback.
        var entity = failure.GrainType ?? "entity";
        var id = failure.GrainKey ?? (http.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? http.Request.RouteValues)["id"] as string;
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The stored state could not be read.",
            Detail = id is null
                ? $"A stored state could not be read ({failure.Cause}). Other entities are not affected."
                : $"The stored state of {entity} '{id}' could not be read ({failure.Cause}), so it cannot be loaded until the stored row is repaired. Other entities are not affected.",
        };
        if (id is not null) details.Extensions["entityId"] = id;
        if (failure.GrainType is not null) details.Extensions["entityType"] = failure.GrainType;
        return details;
    }

    /// <summary>
    /// 409, not 503: nothing is down. Another activation (one on a silo that was declared dead but was
    /// still writing, say) stored a newer version, so this write was refused. Orleans deactivates the
    /// stale activation on this exception, so reading the entity again and repeating the request works
    /// at once; telling the client to wait and resend the same request blindly could undo the other write.
    /// </summary>
    private static ProblemDetails Conflict(Failure failure) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The entity changed while the request was applied.",
        Detail = failure.GrainKey is null
            ? $"Its stored state was changed elsewhere ({failure.Cause}); read it again and retry."
            : $"The stored state of {failure.GrainType} '{failure.GrainKey}' was changed elsewhere ({failure.Cause}); read it again and retry.",
    };

    private static string? Describe(Failure failure) => failure.GrainKey is null ? null : $"{failure.GrainType}/{failure.GrainKey}";
}
