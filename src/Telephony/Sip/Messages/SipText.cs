using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>Character classes and small scanners from the RFC 3261 §25 grammar.</summary>
internal static class SipText
{
    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return false;
        foreach (var c in text)
        {
            if (!IsTokenChar(c)) return false;
        }
        return true;
    }

    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>Returns the index after the closing quote of a quoted-string starting at <paramref name="start"/>.</summary>
    public static int SkipQuoted(string text, int start)
    {
        // RFC 3261 §25.1: quoted-pair escapes one character inside a quoted-string.
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '"') return i + 1;
        }
        throw new SipParseException("Unterminated quoted string.");
    }

    public static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"') return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1) i++;
            sb.Append(value[i]);
        }
        return sb.ToString();
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Splits a header value on commas that are outside quotes and angle brackets (RFC 3261 §7.3.1),
    /// so "Via: a, b" becomes two Via entries while display names and URIs keep their commas.
    /// </summary>
    public static List<string> SplitList(string value)
    {
        var parts = new List<string>();
        var start = 0;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"') { i = SkipQuoted(value, i) - 1; continue; }
            if (c == '<') inAngle = true;
            else if (c == '>') inAngle = false;
            else if (c == ',' && !inAngle)
            {
                parts.Add(value[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(value[start..].Trim());
        if (parts.Exists(p => p.Length == 0)) throw new SipParseException("Empty element in a comma-separated header.");
        return parts;
    }

    /// <summary>Parses a decimal number with an inclusive upper bound, rejecting signs and spaces.</summary>
    public static long ParseNumber(ReadOnlySpan<char> text, long max, string what)
    {
        if (text.IsEmpty || text.Length > 10) throw new SipParseException($"Invalid {what}.");
        long value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') throw new SipParseException($"Invalid {what}.");
            value = value * 10 + (c - '0');
        }
        if (value > max) throw new SipParseException($"{what} out of range.");
        return value;
    }
}
