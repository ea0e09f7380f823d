namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>A SIP response (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        if (statusCode is < 100 or > 699) throw new ArgumentOutOfRangeException(nameof(statusCode));
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatus.ReasonPhrase(statusCode);
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public override string StartLine => $"SIP/2.0 {StatusCode} {ReasonPhrase}";

    /// <summary>
    /// Builds a response to a request the way RFC 3261 §8.2.6.2 says: Via, From, Call-ID and CSeq
    /// copied, To copied with a tag added when the request had none and one is given.
    /// </summary>
    public static SipResponse For(SipRequest request, int statusCode, string? toTag = null, string? reasonPhrase = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase);
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.Via);
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.From);
        var to = request.Headers.Get(SipHeaderNames.To);
        if (to is not null)
        {
            response.Headers.Add(SipHeaderNames.To, toTag is not null && request.To.Tag is null ? request.To.WithTag(toTag).ToString() : to);
        }
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.CallId);
        response.Headers.CopyFrom(request.Headers, SipHeaderNames.CSeq);
        return response;
    }
}
