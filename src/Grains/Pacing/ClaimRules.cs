namespace ContactCenter.Grains.Pacing;

/// <summary>Which leads a campaign may claim: its lists in priority order, its calling window and its attempt limit.</summary>
public sealed record ClaimRules(IReadOnlyList<long> ListIds, CallingWindow Window, int MaxAttempts);
