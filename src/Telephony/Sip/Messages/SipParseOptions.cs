namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>Limits and framing rules for <see cref="SipMessageParser"/>.</summary>
public sealed record SipParseOptions
{
    /// <summary>Messages larger than this are rejected before any parsing (a guard against memory abuse).</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>At most this many header fields (after splitting comma lists).</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>
    /// True on stream transports, where Content-Length is mandatory (RFC 3261 §18.3, §20.14).
    /// On datagrams a missing Content-Length means "the rest of the packet".
    /// </summary>
    public bool RequireContentLength { get; init; }

    public static SipParseOptions Datagram { get; } = new();

    public static SipParseOptions Stream { get; } = new() { RequireContentLength = true };
}
