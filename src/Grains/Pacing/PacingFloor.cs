namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The campaign's floor as a pacing turn sees it.
/// </summary>
/// <param name="Rules">Which leads may be claimed.</param>
/// <param name="ReadyAgents">Agents waiting for work, in no particular order.</param>
/// <param name="ParkedAgents">Agents still reserved after a call that never reached them, waiting for their next lead.</param>
/// <param name="CallsInFlight">Calls placed and not yet ended.</param>
public sealed record PacingFloor(ClaimRules Rules, IReadOnlyList<string> ReadyAgents, int ParkedAgents, int CallsInFlight);
