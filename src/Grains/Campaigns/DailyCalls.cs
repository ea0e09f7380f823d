namespace ContactCenter.Grains.Campaigns;

/// <summary>One calling day's live-answered and abandoned calls of a campaign: the abandon rate's raw counts.</summary>
[GenerateSerializer, Immutable, Alias("cc.DailyCalls")]
public sealed record DailyCalls([property: Id(0)] int Answered, [property: Id(1)] int Abandoned);
