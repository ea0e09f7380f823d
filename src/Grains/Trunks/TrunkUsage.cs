namespace ContactCenter.Grains.Trunks;

/// <summary>How full a trunk is.</summary>
/// <param name="Peak">The most slots held at once since the trunk activated.</param>
[GenerateSerializer, Immutable, Alias("cc.TrunkUsage")]
public sealed record TrunkUsage(
    [property: Id(0)] string Trunk,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int InUse,
    [property: Id(3)] Dictionary<string, int> ByCampaign,
    [property: Id(4)] int Peak);
