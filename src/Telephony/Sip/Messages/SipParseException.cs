namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// The single error type the SIP and header parsers raise for malformed input. Anything arriving
/// from the network that is not valid SIP ends here, so callers catch exactly this type.
/// </summary>
public sealed class SipParseException : Exception
{
    public SipParseException(string message)
        : base(message)
    {
    }

    public SipParseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>For input that is well framed but asks for something we do not support (505, 416).</summary>
    public SipParseException(string message, int statusCode)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        StatusCode = statusCode;
    }

    /// <summary>
    /// The status a request that failed this way is answered with: 400 for malformed input, 505
    /// for another SIP version (RFC 3261 §21.5.7), 416 for a Request-URI scheme we do not know (§21.4.15).
    /// </summary>
    public int StatusCode { get; } = 400;

    /// <summary>
    /// The start line and raw headers when the framing was valid but a header was not. The
    /// transport uses them to answer a malformed request with 400 (RFC 3261 §8.2.2.x, §21.4.1).
    /// </summary>
    public SipRawMessage? Partial { get; internal set; }
}
