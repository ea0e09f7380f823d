namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>A message whose start line and header lines were framed but not yet interpreted.</summary>
/// <param name="StartLine">The first line, without its line ending.</param>
/// <param name="Headers">The header fields in arrival order, names already in canonical form.</param>
public sealed record SipRawMessage(string StartLine, IReadOnlyList<SipHeader> Headers)
{
    /// <summary>True when the start line looks like a request (it does not begin with "SIP/").</summary>
    public bool IsRequest => !StartLine.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The method token of a request start line, or null.</summary>
    public string? Method => IsRequest && StartLine.IndexOf(' ') is > 0 and var i ? StartLine[..i] : null;
}
