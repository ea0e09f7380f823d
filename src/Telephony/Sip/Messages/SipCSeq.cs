namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and a method.</summary>
public readonly record struct SipCSeq(long Number, string Method)
{
    public static SipCSeq Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var space = value.IndexOfAny([' ', '\t']);
        if (space <= 0) throw new SipParseException("CSeq needs a number and a method.");
        var number = SipText.ParseNumber(value.AsSpan(0, space), int.MaxValue, "CSeq number");
        var method = value[space..].Trim();
        if (!SipText.IsToken(method)) throw new SipParseException("Invalid CSeq method.");
        return new SipCSeq(number, method);
    }

    public override string ToString() => $"{Number} {Method}";
}
