using ContactCenter.Grains.Agents;

namespace ContactCenter.Grains.Floor;

/// <summary>
/// The contact-center floor's live feed: agents report each change of state here, and the API nodes
/// that serve live pages subscribe to hear them (one activation in the cluster, key <see cref="FloorGrain.Key"/>).
/// </summary>
[Alias("cc.IFloorGrain")]
public interface IFloorGrain : IGrainWithStringKey
{
    /// <summary>Told by an agent after its new state is stored; one-way, so the agent never waits on listeners.</summary>
    [Orleans.Concurrency.OneWay]
    Task AgentChangedAsync(AgentSnapshot agent);

    /// <summary>Told by a campaign after its new status is stored (started, paused, completed): live pages refresh.</summary>
    [Orleans.Concurrency.OneWay]
    Task CampaignChangedAsync(string campaignId);

    /// <summary>Adds or renews a listener; a listener not renewed within <see cref="FloorGrain.ListenerLease"/> is dropped.</summary>
    Task SubscribeAsync(IFloorObserver observer);

    Task UnsubscribeAsync(IFloorObserver observer);
}
