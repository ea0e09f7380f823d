using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// Parses SIP messages from bytes. Malformed input of any kind raises <see cref="SipParseException"/>
/// and nothing else, so a receive loop can catch that one type.
/// </summary>
public static class SipMessageParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryParse(ReadOnlySpan<byte> data, SipParseOptions options, out SipMessage? message, out SipParseException? error)
    {
        try
        {
            message = Parse(data, options);
            error = null;
            return true;
        }
        catch (SipParseException ex)
        {
            message = null;
            error = ex;
            return false;
        }
    }

    public static SipMessage Parse(ReadOnlySpan<byte> data) => Parse(data, SipParseOptions.Datagram);

    public static SipMessage Parse(ReadOnlySpan<byte> data, SipParseOptions options)
    {
        if (data.Length > options.MaxMessageSize) throw new SipParseException($"Message of {data.Length} bytes exceeds the limit of {options.MaxMessageSize}.");

        // RFC 3261 §7.5: ignore CRLF before the start line (keep-alives on streams).
        var start = 0;
        while (start < data.Length && data[start] is (byte)'\r' or (byte)'\n') start++;
        data = data[start..];
        if (data.IsEmpty) throw new SipParseException("Empty message.");

        var headerEnd = FindHeaderEnd(data, out var bodyStart);
        if (headerEnd < 0) throw new SipParseException("Missing the empty line that ends the headers.");

        string headerText;
        try
        {
            headerText = StrictUtf8.GetString(data[..headerEnd]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new SipParseException("Headers are not valid UTF-8.", ex);
        }

        var lines = SplitLines(headerText);
        var startLine = lines[0];
        if (startLine.Length == 0 || SipText.IsWhitespace(startLine[0])) throw new SipParseException("Malformed start line.");
        var headers = ParseHeaders(lines, options);
        var raw = new SipRawMessage(startLine, headers);

        try
        {
            var message = CreateMessage(startLine);
            foreach (var h in headers) message.Headers.Add(h.Name, h.Value);
            message.Body = ReadBody(data[bodyStart..], message, options).ToArray();
            Validate(message);
            return message;
        }
        catch (SipParseException ex) when (AttachPartial(ex, raw))
        {
            // Never reached: the filter only annotates the exception as it passes.
            throw;
        }
    }

    // An exception filter adds the framed headers without catching and rethrowing, which would
    // double the cost of every rejected message.
    private static bool AttachPartial(SipParseException exception, SipRawMessage raw)
    {
        exception.Partial ??= raw;
        return false;
    }

    /// <summary>Index of the first empty line; <paramref name="bodyStart"/> is the byte after it.</summary>
    internal static int FindHeaderEnd(ReadOnlySpan<byte> data, out int bodyStart)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != '\n') continue;
            // Accept CRLF CRLF and, leniently, bare LF LF.
            if (i + 1 < data.Length && data[i + 1] == '\n') { bodyStart = i + 2; return i; }
            if (i + 2 < data.Length && data[i + 1] == '\r' && data[i + 2] == '\n') { bodyStart = i + 3; return i; }
        }
        bodyStart = -1;
        return -1;
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var pos = 0;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            var line = text[pos..end];
            if (line.EndsWith('\r')) line = line[..^1];
            foreach (var c in line)
            {
                if ((c < ' ' && c != '\t') || c == '\u007f') throw new SipParseException("Control character in headers.");
            }
            lines.Add(line);
            if (nl < 0) break;
            pos = nl + 1;
        }
        return lines;
    }

    private static List<SipHeader> ParseHeaders(List<string> lines, SipParseOptions options)
    {
        // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header (folding).
        var unfolded = new List<string>(lines.Count);
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && SipText.IsWhitespace(line[0]))
            {
                if (unfolded.Count == 0) throw new SipParseException("Continuation line before any header.");
                unfolded[^1] = unfolded[^1].TrimEnd() + " " + line.Trim();
            }
            else
            {
                unfolded.Add(line);
            }
        }

        var headers = new List<SipHeader>(unfolded.Count);
        foreach (var line in unfolded)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new SipParseException("Header line without a name and colon.");
            var name = line[..colon].TrimEnd(' ', '\t');
            if (!SipText.IsToken(name)) throw new SipParseException("Invalid header name.");
            var canonical = SipHeaderNames.Normalize(name);
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (SipHeaderNames.IsCommaList(canonical) && !(canonical == SipHeaderNames.Contact && value == "*"))
            {
                foreach (var part in SipText.SplitList(value)) headers.Add(new SipHeader(canonical, part));
            }
            else
            {
                headers.Add(new SipHeader(canonical, value));
            }
            if (headers.Count > options.MaxHeaderCount) throw new SipParseException("Too many headers.");
        }
        return headers;
    }

    private static SipMessage CreateMessage(string startLine)
    {
        if (startLine.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.2)
            if (startLine.Length < 11 || !startLine.StartsWith("SIP/2.0 ", StringComparison.OrdinalIgnoreCase)) throw new SipParseException("Unsupported SIP version in status line.");
            var code = (int)SipText.ParseNumber(startLine.AsSpan(8, 3), 699, "status code");
            if (code < 100) throw new SipParseException("Status code out of range.");
            if (startLine.Length > 11 && startLine[11] != ' ') throw new SipParseException("Malformed status line.");
            var reason = startLine.Length > 12 ? startLine[12..] : string.Empty;
            return new SipResponse(code, reason);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version (§7.1)
        var parts = startLine.Split(' ');
        if (parts.Length != 3) throw new SipParseException("Malformed request line.");
        if (!SipText.IsToken(parts[0])) throw new SipParseException("Invalid method.");
        if (!IsSipVersion(parts[2])) throw new SipParseException("Malformed SIP version in request line.");
        if (!parts[2].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 3261 §8.2.2.x, RFC 4475 §3.3.14: a well-formed but other version gets 505, not 400.
            throw new SipParseException("Unsupported SIP version in request line.", SipStatus.VersionNotSupported);
        }
        if (UriScheme(parts[1]) is { } scheme && !SipUri.IsSupportedScheme(scheme))
        {
            // RFC 3261 §8.2.2.1: a Request-URI whose scheme we do not understand gets 416.
            throw new SipParseException("Unsupported Request-URI scheme.", SipStatus.UnsupportedUriScheme);
        }
        return new SipRequest(parts[0], SipUri.Parse(parts[1]));
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (RFC 3261 §25.1).
    private static bool IsSipVersion(string text)
    {
        if (!text.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase)) return false;
        var dot = text.IndexOf('.', 4);
        return dot > 4 && dot < text.Length - 1
            && text.AsSpan(4, dot - 4).IndexOfAnyExceptInRange('0', '9') < 0
            && text.AsSpan(dot + 1).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3261 §25.1); null when the text has none.
    private static string? UriScheme(string uri)
    {
        var colon = uri.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(uri[0])) return null;
        foreach (var c in uri.AsSpan(0, colon))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return null;
        }
        return uri[..colon];
    }

    private static ReadOnlySpan<byte> ReadBody(ReadOnlySpan<byte> rest, SipMessage message, SipParseOptions options)
    {
        var lengths = message.Headers.GetAll(SipHeaderNames.ContentLength);
        if (lengths.Count == 0)
        {
            if (options.RequireContentLength) throw new SipParseException("Content-Length is required on stream transports.");
            return rest;
        }
        var length = SipText.ParseNumber(lengths[0], options.MaxMessageSize, "Content-Length");
        foreach (var other in lengths)
        {
            if (SipText.ParseNumber(other, options.MaxMessageSize, "Content-Length") != length) throw new SipParseException("Conflicting Content-Length headers.");
        }
        // RFC 3261 §18.3: fewer bytes than Content-Length is an error; extra bytes are discarded.
        if (length > rest.Length) throw new SipParseException("Body shorter than Content-Length.");
        return rest[..(int)length];
    }

    // Headers that may appear once (RFC 3261 §7.3.1, §20); two different values leave no way to
    // know which one the sender meant (RFC 4475 §3.3.x "duplicated singletons" is answered with 400).
    private static readonly string[] Singletons =
    [
        SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq, SipHeaderNames.MaxForwards,
        SipHeaderNames.ContentType,
    ];

    // The headers every rule of RFC 3261 relies on (§8.1.1) must be present and well formed.
    private static void Validate(SipMessage message)
    {
        foreach (var name in Singletons)
        {
            if (message.Headers.GetAll(name).Count > 1) throw new SipParseException($"Duplicated {name} header.");
        }
        if (message.Headers.GetAll(SipHeaderNames.Via).Count == 0) throw new SipParseException("Missing Via header.");
        _ = message.Vias;
        _ = message.From;
        _ = message.To;
        if (string.IsNullOrWhiteSpace(message.CallId)) throw new SipParseException("Empty Call-ID.");
        var cseq = message.CSeq;
        foreach (var contact in message.Headers.GetAll(SipHeaderNames.Contact))
        {
            if (contact != "*") _ = SipAddress.Parse(contact);
        }
        _ = message.RecordRoutes;
        _ = message.Routes;
        if (message is SipRequest request)
        {
            _ = request.MaxForwards;
            if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal)) throw new SipParseException("CSeq method does not match the request method.");
        }
    }
}
