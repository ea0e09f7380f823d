using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Events;

/// <summary>Live pages: GET /api/events streams what the caller's role may see, as server-sent events.</summary>
public static class EventsApi
{
    public static IServiceCollection AddFloorFeed(this IServiceCollection services)
    {
        services.AddSingleton<FloorFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<FloorFeed>());
        return services;
    }

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/events", StreamAsync).WithTags("Live").WithName("GetLiveEvents")
            .WithSummary("Server-sent events: 'agent' (an agent's snapshot at each change of state: its own for an agent, those of its campaigns for a supervisor), 'dashboard' (GET /api/dashboard's body when a figure changed, at most once a second; supervisors and admins), 'ping' every 15 s")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    public static async Task<ServerSentEventsResult<string>> StreamAsync(ClaimsPrincipal user, FloorFeed feed, HttpContext http, CancellationToken ct)
    {
        var listener = await feed.ConnectAsync(user, ct);
        // Proxies (nginx) must not buffer a stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(ReadAsync(feed, listener, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(FloorFeed feed, LiveListener listener, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            await foreach (var item in listener.Reader.ReadAllAsync(ct)) yield return item;
        }
        finally
        {
            feed.Disconnect(listener);
        }
    }
}
