using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>One outbound call to place.</summary>
/// <param name="Destination">The Request-URI, e.g. sip:+15551234567@carrier.example.</param>
/// <param name="CallerId">The number presented in From and P-Asserted-Identity.</param>
public sealed record SipCallRequest(SipUri Destination, string CallerId)
{
    /// <summary>Our id for the call; every <see cref="Carrier.CallEvent"/> carries it. A GUID when null.</summary>
    public string? CallId { get; init; }

    public string? CallerDisplayName { get; init; }

    /// <summary>Overrides <see cref="SipUserAgentOptions.DefaultRingTimeout"/>.</summary>
    public TimeSpan? RingTimeout { get; init; }
}
