using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>How our user agent presents itself and reaches the carrier.</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>The User-Agent and Server header value.</summary>
    public string Product { get; init; } = "ContactCenter-Dialer/1.0";

    /// <summary>The user part of our Contact URI.</summary>
    public string ContactUser { get; init; } = "dialer";

    /// <summary>The host of our From and P-Asserted-Identity URIs; the local address when null.</summary>
    public string? FromHost { get; init; }

    /// <summary>A proxy every out-of-dialog request goes through, as a pre-loaded loose route (§8.1.2).</summary>
    public SipUri? OutboundProxy { get; init; }

    /// <summary>Credentials for 401/407 challenges; without them a challenge fails the call.</summary>
    public SipCredentials? Credentials { get; init; }

    /// <summary>Ring time before an unanswered call is cancelled with outcome NoAnswer.</summary>
    public TimeSpan DefaultRingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An inbound call neither answered nor rejected within this time is rejected with 480, so a
    /// handler that forgets a call cannot leave its transaction open forever.
    /// </summary>
    public TimeSpan MaxInboundRingTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Adds P-Asserted-Identity with the caller ID (RFC 3325) to outbound INVITEs.</summary>
    public bool AssertIdentity { get; init; } = true;
}
