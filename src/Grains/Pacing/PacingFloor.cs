namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The campaign's floor as a pacing turn sees it.
/// </summary>
/// <param name="Rules">Which leads may be claimed.</param>
/// <param name="ReadyAgents">Agents waiting for work, in no particular order.</param>
/// <param name="ParkedAgents">Agents still reserved after a call that never reached them, waiting for their next lead.</param>
/// <param name="CallsInFlight">Calls placed and not yet ended.</param>
/// <param name="BusyAgents">Agents on a call or in wrap-up (they free up in time).</param>
/// <param name="UnansweredCalls">Calls in flight that no agent has taken yet (dialing or ringing).</param>
public sealed record PacingFloor(ClaimRules Rules, IReadOnlyList<string> ReadyAgents, int ParkedAgents, int CallsInFlight, int BusyAgents = 0, int UnansweredCalls = 0);
