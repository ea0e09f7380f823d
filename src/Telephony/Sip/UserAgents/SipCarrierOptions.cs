using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>How <see cref="SipCarrier"/> turns an E.164 number into a SIP destination.</summary>
/// <param name="Trunk">The carrier's URI; its user part is replaced by the dialled number (sip:+1555…@trunk).</param>
public sealed record SipCarrierOptions(SipUri Trunk)
{
    /// <summary>How long the agent's phone may ring when bridging before the bridge fails.</summary>
    public TimeSpan AgentRingTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
