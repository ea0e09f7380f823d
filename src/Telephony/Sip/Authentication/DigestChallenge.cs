using System.Text;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.Authentication;

/// <summary>A parsed WWW-Authenticate or Proxy-Authenticate digest challenge (RFC 2617 §3.2.1, RFC 7616 §3.3).</summary>
public sealed class DigestChallenge
{
    private DigestChallenge(Dictionary<string, string> parameters)
    {
        Parameters = parameters;
    }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string Realm => Parameters.GetValueOrDefault("realm", string.Empty);

    public string Nonce => Parameters["nonce"];

    public string? Opaque => Parameters.GetValueOrDefault("opaque");

    /// <summary>The algorithm; MD5 when absent (RFC 2617 §3.2.1).</summary>
    public string Algorithm => Parameters.GetValueOrDefault("algorithm", "MD5");

    /// <summary>The qop options offered, lower-case; empty for the RFC 2069 compatible form.</summary>
    public IReadOnlyList<string> Qop =>
        Parameters.TryGetValue("qop", out var qop) ? qop.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(q => q.ToLowerInvariant()).ToList() : [];

    public static DigestChallenge Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = header.Trim();
        if (!text.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || (text.Length > 6 && !char.IsWhiteSpace(text[6])))
        {
            throw new SipParseException("Only Digest challenges are supported.");
        }
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 6;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ',')) i++;
            if (i >= text.Length) break;
            var nameStart = i;
            while (i < text.Length && SipText.IsTokenChar(text[i])) i++;
            var name = text[nameStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (name.Length == 0 || i >= text.Length || text[i] != '=') throw new SipParseException("Malformed digest challenge.");
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = SipText.SkipQuoted(text, i);
                value = SipText.Unquote(text[i..end]);
                i = end;
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i])) i++;
                value = text[valueStart..i];
            }
            parameters[name] = value;
        }
        if (!parameters.ContainsKey("nonce")) throw new SipParseException("Digest challenge without a nonce.");
        return new DigestChallenge(parameters);
    }

    public override string ToString()
    {
        var sb = new StringBuilder("Digest ");
        sb.AppendJoin(", ", Parameters.Select(p => p.Key is "algorithm" or "stale" ? $"{p.Key}={p.Value}" : $"{p.Key}={SipText.Quote(p.Value)}"));
        return sb.ToString();
    }
}
