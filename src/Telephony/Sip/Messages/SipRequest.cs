namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>A SIP request (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, SipUri requestUri)
    {
        if (!SipText.IsToken(method)) throw new ArgumentException($"'{method}' is not a valid method.", nameof(method));
        Method = method;
        RequestUri = requestUri;
    }

    public string Method { get; }

    public SipUri RequestUri { get; set; }

    public override string StartLine => $"{Method} {RequestUri} SIP/2.0";

    /// <summary>Max-Forwards, or null when absent.</summary>
    public int? MaxForwards => Headers.Get(SipHeaderNames.MaxForwards) is { } v ? (int)SipText.ParseNumber(v.Trim(), 255, "Max-Forwards") : null;
}
