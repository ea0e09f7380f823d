using System.Collections.Concurrent;
using System.Text.Json;
using ContactCenter.Api.Common;
using ContactCenter.Api.Dashboard;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Floor;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Events;

/// <summary>
/// This node's ear on the floor: subscribed to <see cref="IFloorGrain"/> as a grain observer, it
/// passes each agent's change to the pages allowed to see it at once, and rebuilds the dashboard
/// from the campaign grains at most once a second while pages watch it and something moved.
/// Nothing here reads PostgreSQL.
/// </summary>
public sealed partial class FloorFeed(
    IGrainFactory grains,
    GrainFanOut fanOut,
    TimeProvider time,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ILogger<FloorFeed> logger) : BackgroundService, IFloorObserver
{
    public static readonly TimeSpan DashboardInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<LiveListener, byte> listeners = new();
    private IFloorObserver? reference;
    private volatile bool moved = true;
    private bool anyRunning;

    public int ListenerCount => listeners.Count;

    public async Task<LiveListener> ConnectAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var listener = new LiveListener(user);
        listeners.TryAdd(listener, 0);
        // The page starts from the present: the agent's state, or the dashboard as it is now.
        if (listener.AgentId is { } agentId && !listener.SeesDashboard)
        {
            var agent = await grains.GetGrain<IAgentGrain>(agentId).GetAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
            listener.Send("agent", Serialize(agent));
        }
        if (listener.SeesDashboard)
        {
            var dashboard = await DashboardApi.BuildAsync(grains, fanOut, time).WaitAsync(TimeSpan.FromSeconds(10), ct);
            SendDashboard(listener, dashboard);
        }
        return listener;
    }

    public void Disconnect(LiveListener listener)
    {
        listeners.TryRemove(listener, out _);
        listener.Close();
    }

    public Task AgentChangedAsync(AgentSnapshot agent)
    {
        moved = true;
        string? payload = null;
        foreach (var listener in listeners.Keys)
        {
            if (!listener.MaySee(agent)) continue;
            payload ??= Serialize(agent);
            listener.Send("agent", payload);
        }
        return Task.CompletedTask;
    }

    public Task CampaignChangedAsync(string campaignId)
    {
        // The next tick rebuilds the dashboard; from then on a Running campaign keeps it refreshing.
        moved = true;
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        reference = grains.CreateObjectReference<IFloorObserver>(this);
        var renewAt = DateTimeOffset.MinValue;
        var heartbeatAt = time.GetUtcNow() + HeartbeatInterval;
        using var tick = new PeriodicTimer(DashboardInterval, time);
        try
        {
            do
            {
                var now = time.GetUtcNow();
                if (now >= renewAt && await TrySubscribeAsync()) renewAt = now + RenewInterval;
                if (now >= heartbeatAt)
                {
                    foreach (var listener in listeners.Keys) listener.Send("ping", "{}");
                    heartbeatAt = now + HeartbeatInterval;
                }
                await PushDashboardAsync(stoppingToken);
            }
            while (await tick.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var listener in listeners.Keys) Disconnect(listener);
            await TryUnsubscribeAsync();
        }
    }

    private async Task PushDashboardAsync(CancellationToken ct)
    {
        var watching = listeners.Keys.Where(l => l.SeesDashboard).ToList();
        // Running campaigns change their counters without any agent moving (calls end, leads drain).
        if (watching.Count == 0 || !(moved || anyRunning)) return;
        moved = false;
        try
        {
            var dashboard = await DashboardApi.BuildAsync(grains, fanOut, time).WaitAsync(TimeSpan.FromSeconds(10), ct);
            anyRunning = dashboard.Campaigns.Any(c => c.Stats.Status == CampaignStatus.Running);
            foreach (var listener in watching) SendDashboard(listener, dashboard);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            moved = true;
            LogDashboardFailed(logger, e.Message);
        }
    }

    private void SendDashboard(LiveListener listener, DashboardApi.DialerDashboard dashboard)
    {
        var visible = listener.Scope.Count == 0
            ? dashboard
            : DashboardApi.Compose(dashboard.At, [.. dashboard.Campaigns.Where(c => listener.MaySeeCampaign(c.Id))], []);
        // Sent again only when a figure changed, not because the clock moved.
        var figures = Serialize(visible with { At = default });
        if (figures == listener.LastDashboard) return;
        listener.LastDashboard = figures;
        listener.Send("dashboard", Serialize(visible));
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            await grains.GetGrain<IFloorGrain>(FloorGrain.Key).SubscribeAsync(reference!).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException)
        {
            LogSubscribeFailed(logger, e.Message);
            return false;
        }
    }

    private async Task TryUnsubscribeAsync()
    {
        try
        {
            if (reference is not null) await grains.GetGrain<IFloorGrain>(FloorGrain.Key).UnsubscribeAsync(reference).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException or InvalidOperationException or ObjectDisposedException)
        {
            // The lease lets the floor forget this node anyway.
        }
        if (reference is not null) grains.DeleteObjectReference<IFloorObserver>(reference);
    }

    private string Serialize<T>(T value) => JsonSerializer.Serialize(value, json.Value.SerializerOptions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the floor's live feed (retrying): {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not rebuild the live dashboard (retrying in a second): {Reason}")]
    private static partial void LogDashboardFailed(ILogger logger, string reason);
}
