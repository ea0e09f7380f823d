using ContactCenter.Grains.Agents;

namespace ContactCenter.Grains.Floor;

/// <summary>An API node listening to the floor: it pushes what it hears to the pages connected to it.</summary>
[Alias("cc.IFloorObserver")]
public interface IFloorObserver : IGrainObserver
{
    /// <summary>An agent changed state (Ready, Dialing, Connected, WrapUp, Paused, Offline).</summary>
    [Orleans.Concurrency.OneWay]
    Task AgentChangedAsync(AgentSnapshot agent);

    /// <summary>A campaign changed status: a wallboard must be rebuilt even if no agent moves (a Broadcast campaign has none).</summary>
    [Orleans.Concurrency.OneWay]
    Task CampaignChangedAsync(string campaignId);
}
