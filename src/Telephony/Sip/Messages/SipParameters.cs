using System.Collections;
using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// Ordered ";name=value" parameters of a URI or header. Names compare case-insensitively
/// (RFC 3261 §19.1.4, §20); a value is null for a flag such as ";lr". Quoted values keep their quotes.
/// </summary>
public sealed class SipParameters : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly List<KeyValuePair<string, string?>> items = [];

    public int Count => items.Count;

    public string? this[string name]
    {
        get
        {
            foreach (var item in items)
            {
                if (string.Equals(item.Key, name, StringComparison.OrdinalIgnoreCase)) return item.Value;
            }
            return null;
        }
    }

    public bool Contains(string name) => items.Exists(i => string.Equals(i.Key, name, StringComparison.OrdinalIgnoreCase));

    public void Set(string name, string? value)
    {
        if (!SipText.IsToken(name)) throw new ArgumentException($"'{name}' is not a valid parameter name.", nameof(name));
        if (value is not null && !IsValidValue(value)) throw new ArgumentException($"'{value}' is not a valid parameter value.", nameof(value));
        var index = items.FindIndex(i => string.Equals(i.Key, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0) items[index] = new(name, value);
        else items.Add(new(name, value));
    }

    public bool Remove(string name) =>
        items.RemoveAll(i => string.Equals(i.Key, name, StringComparison.OrdinalIgnoreCase)) > 0;

    public SipParameters Clone()
    {
        var copy = new SipParameters();
        copy.items.AddRange(items);
        return copy;
    }

    /// <summary>Writes ";a=b;c" (nothing when empty).</summary>
    public void WriteTo(StringBuilder sb)
    {
        foreach (var (key, value) in items)
        {
            sb.Append(';').Append(key);
            if (value is not null) sb.Append('=').Append(value);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }

    /// <summary>
    /// Parses parameters from <paramref name="text"/> starting at a ';' and stopping at the end or
    /// at a character in <paramref name="stopAt"/>. Returns the index where parsing stopped.
    /// </summary>
    internal static int Parse(string text, int start, SipParameters into, string stopAt = "")
    {
        var i = start;
        while (i < text.Length && text[i] == ';')
        {
            i++;
            while (i < text.Length && SipText.IsWhitespace(text[i])) i++;
            var nameStart = i;
            while (i < text.Length && SipText.IsTokenChar(text[i])) i++;
            if (i == nameStart) throw new SipParseException("Empty parameter name.");
            var name = text[nameStart..i];
            while (i < text.Length && SipText.IsWhitespace(text[i])) i++;
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && SipText.IsWhitespace(text[i])) i++;
                var valueStart = i;
                if (i < text.Length && text[i] == '"')
                {
                    i = SipText.SkipQuoted(text, i);
                }
                else
                {
                    while (i < text.Length && IsValueChar(text[i])) i++;
                }
                if (i == valueStart) throw new SipParseException($"Parameter '{name}' has an empty value.");
                value = text[valueStart..i];
                while (i < text.Length && SipText.IsWhitespace(text[i])) i++;
            }
            if (into.Contains(name)) throw new SipParseException($"Parameter '{name}' appears twice.");
            into.items.Add(new(name, value));
            if (i < text.Length && text[i] != ';' && stopAt.IndexOf(text[i]) < 0)
            {
                throw new SipParseException($"Unexpected character '{text[i]}' after parameter '{name}'.");
            }
        }
        return i;
    }

    // Values are tokens, hosts (including IPv6 references) or quoted strings.
    private static bool IsValueChar(char c) => SipText.IsTokenChar(c) || c is ':' or '[' or ']' or '/' or '@';

    private static bool IsValidValue(string value)
    {
        if (value.Length == 0) return false;
        if (value[0] == '"')
        {
            try { return SipText.SkipQuoted(value, 0) == value.Length; }
            catch (SipParseException) { return false; }
        }
        foreach (var c in value)
        {
            if (!IsValueChar(c)) return false;
        }
        return true;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
