using ContactCenter.Grains.Agents;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ContactCenter.Grains.Floor;

/// <summary>
/// Fans agents' changes out to the API nodes listening. It holds no state worth storing: when its
/// silo dies it comes back empty and the nodes, which renew their subscription well within
/// <see cref="ListenerLease"/>, find it again within seconds.
/// </summary>
public sealed class FloorGrain(ILogger<FloorGrain> logger) : Grain, IFloorGrain
{
    public const string Key = "floor";

    /// <summary>How long a subscription lasts without renewal (a node that died stops being called).</summary>
    public static readonly TimeSpan ListenerLease = TimeSpan.FromSeconds(30);

    private readonly ObserverManager<IFloorObserver> listeners = new(ListenerLease, logger);

    public Task AgentChangedAsync(AgentSnapshot agent)
    {
        listeners.Notify(l => l.AgentChangedAsync(agent));
        return Task.CompletedTask;
    }

    public Task CampaignChangedAsync(string campaignId)
    {
        listeners.Notify(l => l.CampaignChangedAsync(campaignId));
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(IFloorObserver observer)
    {
        listeners.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IFloorObserver observer)
    {
        listeners.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
