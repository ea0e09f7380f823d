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

    /// <summary>
    /// The start line and raw headers when the framing was valid but a header was not. The
    /// transport uses them to answer a malformed request with 400 (RFC 3261 §8.2.2.x, §21.4.1).
    /// </summary>
    public SipRawMessage? Partial { get; internal set; }
}
