using System.Net;
using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// A sip: or sips: URI (RFC 3261 §19.1): sip:user:password@host:port;params?headers. A tel: URI
/// (RFC 3966), as carriers put in From or P-Asserted-Identity, is kept with its number in
/// <see cref="User"/> and no host; it names a number and cannot be routed to.
/// </summary>
public sealed class SipUri
{
    public SipUri(string host, string? user = null, int? port = null, string scheme = "sip")
    {
        if (scheme is not ("sip" or "sips")) throw new ArgumentException("Only sip and sips URIs are supported.", nameof(scheme));
        if (!IsValidHost(host)) throw new ArgumentException($"'{host}' is not a valid host.", nameof(host));
        if (user is not null && !IsValidUser(user)) throw new ArgumentException($"'{user}' is not a valid user part.", nameof(user));
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port));
        Scheme = scheme;
        Host = host;
        User = user;
        Port = port;
    }

    private SipUri(string telNumber)
    {
        Scheme = "tel";
        Host = string.Empty;
        User = telNumber;
    }

    public string Scheme { get; }

    /// <summary>True for a tel: URI, which has a number but no host.</summary>
    public bool IsTel => Scheme == "tel";

    public string? User { get; }

    public string? Password { get; private init; }

    /// <summary>A host name, IPv4 address or bracketed IPv6 reference.</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; private init; } = new();

    /// <summary>The raw "?h=v&amp;..." part without the question mark, or null.</summary>
    public string? Headers { get; private init; }

    /// <summary>The transport parameter, lower-case, or null (RFC 3261 §19.1.1).</summary>
    public string? Transport => Parameters["transport"]?.ToLowerInvariant();

    /// <summary>True when the URI carries ";lr", marking a loose router (RFC 3261 §16.12).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>An address as a URI or Via host: IPv6 goes in brackets (RFC 3261 §25.1 IPv6reference).</summary>
    public static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    public static SipUri ForEndPoint(IPEndPoint endPoint, string? user = null, string? transport = null)
    {
        var uri = new SipUri(FormatHost(endPoint.Address), user, endPoint.Port);
        if (transport is not null && transport != "udp") uri.Parameters.Set("transport", transport);
        return uri;
    }

    /// <summary>A copy with other parameters (used to strip or add lr/transport).</summary>
    public SipUri Clone() => IsTel
        ? new SipUri(User!) { Parameters = Parameters.Clone() }
        : new(Host, User, Port, Scheme) { Password = Password, Parameters = Parameters.Clone(), Headers = Headers };

    /// <summary>The same URI for another user, e.g. a trunk URI turned into a number to dial.</summary>
    public SipUri WithUser(string user) => IsTel
        ? throw new InvalidOperationException("A tel URI has no user part to replace.")
        : new(Host, user, Port, Scheme) { Parameters = Parameters.Clone(), Headers = Headers };

    /// <summary>True for the schemes we parse: sip, sips and tel (case-insensitive).</summary>
    public static bool IsSupportedScheme(string scheme) =>
        scheme.Equals("sip", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase);

    public static SipUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':');
        if (colon <= 0) throw new SipParseException($"'{Shorten(text)}' is not a URI.");
        var scheme = text[..colon].ToLowerInvariant();
        if (scheme == "tel") return ParseTel(text, colon + 1);
        if (scheme is not ("sip" or "sips")) throw new SipParseException($"Unsupported URI scheme '{Shorten(scheme)}'.");

        var i = colon + 1;
        string? user = null;
        string? password = null;
        var at = text.IndexOf('@', i);
        if (at >= 0)
        {
            var userInfo = text[i..at];
            var pw = userInfo.IndexOf(':');
            user = pw >= 0 ? userInfo[..pw] : userInfo;
            password = pw >= 0 ? userInfo[(pw + 1)..] : null;
            if (!IsValidUser(user) || (password is not null && !IsValidUser(password)))
            {
                throw new SipParseException("Invalid user part in URI.");
            }
            i = at + 1;
        }

        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            if (close < 0) throw new SipParseException("Unterminated IPv6 reference.");
            i = close + 1;
        }
        else
        {
            while (i < text.Length && text[i] is not (':' or ';' or '?')) i++;
        }
        var host = text[hostStart..i];
        if (!IsValidHost(host)) throw new SipParseException($"Invalid host '{Shorten(host)}'.");

        int? port = null;
        if (i < text.Length && text[i] == ':')
        {
            var portStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            port = (int)SipText.ParseNumber(text.AsSpan(portStart, i - portStart), 65535, "port");
            if (port == 0) throw new SipParseException("Port 0 is not valid.");
        }

        var parameters = new SipParameters();
        i = SipParameters.Parse(text, i, parameters, "?");
        string? headers = null;
        if (i < text.Length)
        {
            if (text[i] != '?') throw new SipParseException($"Unexpected '{text[i]}' in URI.");
            headers = text[(i + 1)..];
            if (headers.Length == 0 || headers.Any(c => c <= ' ' || c is '<' or '>' or '"')) throw new SipParseException("Invalid URI headers.");
        }

        return new SipUri(host, user, port, scheme) { Password = password, Parameters = parameters, Headers = headers };
    }

    // RFC 3966: tel:+1-555-123-4567;phone-context=... A number of digits, visual separators and * # A-F.
    private static SipUri ParseTel(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] != ';') i++;
        var number = text[start..i];
        var digits = number.StartsWith('+') ? number[1..] : number;
        if (digits.Length == 0 || !digits.All(c => char.IsAsciiDigit(c) || "-.()*#".IndexOf(c) >= 0 || c is >= 'A' and <= 'F' or >= 'a' and <= 'f'))
        {
            throw new SipParseException("Invalid tel URI number.");
        }
        var parameters = new SipParameters();
        i = SipParameters.Parse(text, i, parameters);
        if (i != text.Length) throw new SipParseException("Unexpected text in tel URI.");
        return new SipUri(number) { Parameters = parameters };
    }

    public override string ToString()
    {
        if (IsTel) return "tel:" + User + Parameters;
        var sb = new StringBuilder(64).Append(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null) sb.Append(':').Append(Password);
            sb.Append('@');
        }
        sb.Append(Host);
        if (Port is { } port) sb.Append(':').Append(port);
        Parameters.WriteTo(sb);
        if (Headers is not null) sb.Append('?').Append(Headers);
        return sb.ToString();
    }

    private static bool IsValidHost(string host)
    {
        if (host.Length == 0) return false;
        if (host[0] == '[') return host.Length > 2 && host[^1] == ']' && IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')) return false;
        }
        return true;
    }

    // RFC 3261 §25.1 user: unreserved, escaped and user-unreserved characters.
    private static bool IsValidUser(string user)
    {
        if (user.Length == 0) return false;
        foreach (var c in user)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "-_.!~*'()%&=+$,;?/".IndexOf(c) >= 0)) return false;
        }
        return true;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
