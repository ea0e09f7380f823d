namespace ContactCenter.Grains.Pacing;

/// <summary>The caller ID a call presents and why it was chosen (stored in the dial audit).</summary>
public sealed record PresentedNumber(string? Number, string Reason);
