namespace ContactCenter.Grains.Pacing;

/// <summary>A lead shown to an agent of a Preview campaign, since when.</summary>
public sealed record PreviewOffer(HopperEntry Lead, DateTimeOffset OfferedAt);
