using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// What requests and responses share: headers, a body, and typed views of the headers every
/// transaction and dialog rule reads. Typed getters parse on demand and raise
/// <see cref="SipParseException"/> when a header is missing or malformed.
/// </summary>
public abstract class SipMessage
{
    public SipHeaderCollection Headers { get; } = new();

    public ReadOnlyMemory<byte> Body { get; set; }

    public string CallId
    {
        get => Required(SipHeaderNames.CallId);
        set => Headers.Set(SipHeaderNames.CallId, value);
    }

    public SipAddress From
    {
        get => SipAddress.Parse(Required(SipHeaderNames.From));
        set => Headers.Set(SipHeaderNames.From, value.ToString());
    }

    public SipAddress To
    {
        get => SipAddress.Parse(Required(SipHeaderNames.To));
        set => Headers.Set(SipHeaderNames.To, value.ToString());
    }

    public SipCSeq CSeq
    {
        get => SipCSeq.Parse(Required(SipHeaderNames.CSeq));
        set => Headers.Set(SipHeaderNames.CSeq, value.ToString());
    }

    /// <summary>The top Via (the one this hop added).</summary>
    public SipVia TopVia => SipVia.Parse(Required(SipHeaderNames.Via));

    public IReadOnlyList<SipVia> Vias => Headers.GetAll(SipHeaderNames.Via).Select(SipVia.Parse).ToList();

    /// <summary>The first Contact, or null when absent or "*".</summary>
    public SipAddress? Contact => Headers.Get(SipHeaderNames.Contact) is { } c && c.Trim() != "*" ? SipAddress.Parse(c) : null;

    public IReadOnlyList<SipAddress> RecordRoutes => Headers.GetAll(SipHeaderNames.RecordRoute).Select(SipAddress.Parse).ToList();

    public IReadOnlyList<SipAddress> Routes => Headers.GetAll(SipHeaderNames.Route).Select(SipAddress.Parse).ToList();

    public string? ContentType => Headers.Get(SipHeaderNames.ContentType);

    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>Sets the body and its Content-Type (Content-Length is written from the body).</summary>
    public void SetBody(string contentType, string body)
    {
        Headers.Set(SipHeaderNames.ContentType, contentType);
        Body = Encoding.UTF8.GetBytes(body);
    }

    /// <summary>The start line, without line ending.</summary>
    public abstract string StartLine { get; }

    public byte[] ToBytes() => SipMessageWriter.Write(this);

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private string Required(string name) =>
        Headers.Get(name) ?? throw new SipParseException($"Missing {name} header.");
}
