using System.Text;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters, as in From, To, Contact, Route and
/// P-Asserted-Identity (RFC 3261 §20.10, §25.1). In the addr-spec form every ";param" belongs to
/// the header, not to the URI, which is why we always write the bracketed form.
/// </summary>
public sealed class SipAddress
{
    public SipAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    public string? DisplayName { get; }

    public SipUri Uri { get; }

    public SipParameters Parameters { get; private init; } = new();

    /// <summary>The tag parameter (RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters["tag"];

    public SipAddress WithTag(string tag)
    {
        var copy = new SipAddress(Uri, DisplayName) { Parameters = Parameters.Clone() };
        copy.Parameters.Set("tag", tag);
        return copy;
    }

    public static SipAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.Length == 0) throw new SipParseException("Empty address.");

        string? displayName = null;
        SipUri uri;
        int i;
        var lt = FindAngle(value);
        if (lt >= 0)
        {
            var name = value[..lt].Trim();
            if (name.Length > 0)
            {
                if (name[0] == '"')
                {
                    if (SipText.SkipQuoted(name, 0) != name.Length) throw new SipParseException("Text after a quoted display name.");
                    displayName = SipText.Unquote(name);
                }
                else
                {
                    // An unquoted display name is a run of tokens separated by whitespace.
                    foreach (var part in name.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!SipText.IsToken(part)) throw new SipParseException("Invalid display name.");
                    }
                    displayName = name;
                }
            }
            var gt = value.IndexOf('>', lt);
            if (gt < 0) throw new SipParseException("Missing '>' in address.");
            uri = SipUri.Parse(value[(lt + 1)..gt]);
            i = gt + 1;
            while (i < value.Length && SipText.IsWhitespace(value[i])) i++;
        }
        else
        {
            var semi = value.IndexOf(';');
            // RFC 3261 §25.1: LWS may precede the ';' of a header parameter (SEMI = SWS ";" SWS).
            var spec = (semi < 0 ? value : value[..semi]).TrimEnd(' ', '\t');
            if (spec.Any(c => c is ' ' or '\t' or ',' or '?' or '"')) throw new SipParseException("Invalid addr-spec.");
            uri = SipUri.Parse(spec);
            i = semi < 0 ? value.Length : semi;
        }

        var parameters = new SipParameters();
        i = SipParameters.Parse(value, i, parameters);
        if (i != value.Length) throw new SipParseException("Unexpected text after address.");
        return new SipAddress(uri, displayName) { Parameters = parameters };
    }

    public override string ToString()
    {
        var sb = new StringBuilder(96);
        if (!string.IsNullOrEmpty(DisplayName)) sb.Append(SipText.Quote(DisplayName)).Append(' ');
        sb.Append('<').Append(Uri).Append('>');
        Parameters.WriteTo(sb);
        return sb.ToString();
    }

    private static int FindAngle(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '"') { i = SipText.SkipQuoted(value, i) - 1; continue; }
            if (value[i] == '<') return i;
        }
        return -1;
    }
}
