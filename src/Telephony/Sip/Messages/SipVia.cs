using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>One Via entry (RFC 3261 §20.42): "SIP/2.0/UDP host:port;branch=z9hG4bK...".</summary>
public sealed class SipVia
{
    /// <summary>The magic cookie that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string BranchMagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, string branch)
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters.Set("branch", branch);
    }

    private SipVia(string transport, string host, int? port, SipParameters parameters)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>UDP, TCP, TLS, ...; upper-case.</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; } = new();

    public string? Branch => Parameters["branch"];

    /// <summary>host[:port], the sent-by value used in server transaction matching (§17.2.3).</summary>
    public string SentBy => Port is { } p ? $"{Host}:{p}" : Host;

    /// <summary>A new unique RFC 3261 branch.</summary>
    public static string NewBranch() => BranchMagicCookie + Guid.NewGuid().ToString("N")[..20];

    public static SipVia Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        var protocol = ReadToken(text, ref i);
        ExpectSlash(text, ref i);
        var version = ReadToken(text, ref i);
        ExpectSlash(text, ref i);
        var transport = ReadToken(text, ref i);
        if (!protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase) || version != "2.0")
        {
            throw new SipParseException("Via protocol must be SIP/2.0.");
        }
        var ws = i;
        SkipWhitespace(text, ref i);
        if (i == ws) throw new SipParseException("Missing space before Via sent-by.");

        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            if (close < 0) throw new SipParseException("Unterminated IPv6 reference in Via.");
            i = close + 1;
        }
        else
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '.')) i++;
        }
        var host = text[hostStart..i];
        if (host.Length == 0) throw new SipParseException("Missing Via host.");
        int? port = null;
        SkipWhitespace(text, ref i);
        if (i < text.Length && text[i] == ':')
        {
            i++;
            SkipWhitespace(text, ref i);
            var portStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            port = (int)SipText.ParseNumber(text.AsSpan(portStart, i - portStart), 65535, "Via port");
            SkipWhitespace(text, ref i);
        }
        var parameters = new SipParameters();
        i = SipParameters.Parse(text, i, parameters);
        if (i != text.Length) throw new SipParseException("Unexpected text in Via.");
        return new SipVia(transport.ToUpperInvariant(), host, port, parameters);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(80).Append("SIP/2.0/").Append(Transport).Append(' ').Append(SentBy);
        Parameters.WriteTo(sb);
        return sb.ToString();
    }

    private static string ReadToken(string text, ref int i)
    {
        SkipWhitespace(text, ref i);
        var start = i;
        while (i < text.Length && SipText.IsTokenChar(text[i])) i++;
        if (i == start) throw new SipParseException("Malformed Via.");
        return text[start..i];
    }

    private static void ExpectSlash(string text, ref int i)
    {
        SkipWhitespace(text, ref i);
        if (i >= text.Length || text[i] != '/') throw new SipParseException("Malformed Via protocol.");
        i++;
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && SipText.IsWhitespace(text[i])) i++;
    }
}
