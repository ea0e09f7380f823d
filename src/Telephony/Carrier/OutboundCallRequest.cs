namespace ContactCenter.Telephony.Carrier;

/// <summary>What a carrier needs to place one call.</summary>
/// <param name="CallId">Our call id; every event for this call carries it.</param>
/// <param name="CampaignId">The campaign the call belongs to (the simulated carrier keys its profile on it).</param>
/// <param name="Destination">The number dialed, E.164.</param>
/// <param name="CallerId">Caller ID presented (From / P-Asserted-Identity on SIP).</param>
/// <param name="Simulation">Simulated-carrier profile; ignored by a real trunk.</param>
/// <param name="RingTimeout">How long to ring before giving up with NoAnswer.</param>
/// <param name="DetectAnsweringMachine">Screen the answer for an answering machine (reported as Failed/Voicemail); null keeps the carrier's default.</param>
/// <param name="StayOnAnsweringMachine">
/// When screening finds a machine, keep the call up and report it Answered with <see cref="CallOutcome.Voicemail"/>, so
/// the dialer can leave a message; false hangs up on the machine (Failed/Voicemail).
/// </param>
public sealed record OutboundCallRequest(
    string CallId,
    string CampaignId,
    string Destination,
    string CallerId,
    SimulationProfile? Simulation = null,
    TimeSpan? RingTimeout = null,
    bool? DetectAnsweringMachine = null,
    bool StayOnAnsweringMachine = false);
