using ContactCenter.Api.Accounts;

namespace ContactCenter.Api.Audit;

/// <summary>
/// Writes a row to the audit trail for every state-changing request (POST, PUT, PATCH, DELETE),
/// allowed or not, once its answer is known: by whom, what, when, from where. The row is written
/// before the request completes, so an action is never answered without its trail.
/// </summary>
public sealed partial class AuditLog(RequestDelegate next, AuditStore store, ILogger<AuditLog> logger)
{
    private const string ActorKey = "cc.audit-actor";

    /// <summary>Names who a request claims to be before it is signed in (a sign-in names its user).</summary>
    public static void NameActor(HttpContext http, string actor) => http.Items[ActorKey] = actor;

    public async Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            await AppendAsync(http);
        }
    }

    private async Task AppendAsync(HttpContext http)
    {
        var user = http.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var kind = signedIn ? user.ActorKindOf() : "anonymous";
        var actor = signedIn ? user.Identity!.Name ?? "" : http.Items[ActorKey] as string ?? "";
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var status = http.Response.StatusCode;
        try
        {
            // Not the request's token: a client that gave up still leaves its trail.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await store.AppendAsync(kind, Truncate(actor, 100), http.Request.Method, Truncate(http.Request.Path.Value ?? "", 2000), route, status,
                http.Connection.RemoteIpAddress?.ToString(), timeout.Token);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
        {
            LogAuditWriteFailed(logger, http.Request.Method, route ?? "", e);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit row of {Method} {Route}")]
    private static partial void LogAuditWriteFailed(ILogger logger, string method, string route, Exception exception);
}
