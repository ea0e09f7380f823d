namespace ContactCenter.Grains.Trunks;

/// <summary>Trunk capacities (concurrent calls), set on the silos.</summary>
public sealed class TrunkOptions
{
    /// <summary>Capacity of a trunk without its own entry.</summary>
    public int DefaultCapacity { get; set; } = 200;

    /// <summary>Capacity by trunk name.</summary>
    public Dictionary<string, int> Capacities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A slot not released after this long is taken back: a silo that died mid-call must not shrink the trunk forever.
    /// Longer than any real call.
    /// </summary>
    public TimeSpan SlotLease { get; set; } = TimeSpan.FromHours(4);

    public int CapacityOf(string trunk) => Capacities.TryGetValue(trunk, out var c) ? c : DefaultCapacity;
}
