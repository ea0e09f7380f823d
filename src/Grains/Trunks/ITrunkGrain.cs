namespace ContactCenter.Grains.Trunks;

/// <summary>
/// The channels of one carrier trunk (key: the trunk name, <see cref="TrunkGrain.DefaultTrunk"/> unless a campaign names
/// another). Orleans keeps one activation per key in the cluster, so every campaign on every silo draws its call slots
/// from the same count and together they never exceed the trunk's capacity.
/// </summary>
[Alias("cc.ITrunkGrain")]
public interface ITrunkGrain : IGrainWithStringKey
{
    /// <summary>Takes a slot for each call id, in order, while slots are free; returns the ids that got one.</summary>
    Task<IReadOnlyList<string>> AcquireAsync(string campaignId, IReadOnlyList<string> callIds);

    /// <summary>Frees the slots of calls that ended or were never placed; unknown ids are ignored.</summary>
    [Orleans.Concurrency.OneWay] Task ReleaseAsync(IReadOnlyList<string> callIds);

    /// <summary>Capacity and slots in use, per campaign.</summary>
    Task<TrunkUsage> GetUsageAsync();
}
