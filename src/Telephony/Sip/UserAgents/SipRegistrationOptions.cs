using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>What to register: the registrar, our address of record, and the lifetime we ask for.</summary>
/// <param name="Registrar">The registrar's URI, e.g. sip:carrier.example (RFC 3261 §10.2).</param>
/// <param name="AddressOfRecord">Our public address, e.g. sip:dialer@carrier.example (To and From).</param>
public sealed record SipRegistrationOptions(SipUri Registrar, SipUri AddressOfRecord)
{
    /// <summary>The binding lifetime we request; the registrar may shorten it.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Refresh after this share of the granted lifetime has passed.</summary>
    public double RefreshAt { get; init; } = 0.5;
}
