using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.Authentication;

/// <summary>
/// Computes digest responses for SIP (RFC 3261 §22.4 on RFC 2617; SHA-256 per RFC 7616 and RFC 8760).
/// </summary>
public static class DigestAuthenticator
{
    // RFC 8760 §2.4: prefer the strongest algorithm the server offers.
    private static readonly string[] Preference = ["SHA-256", "SHA-256-sess", "MD5", "MD5-sess"];

    public static bool IsSupported(string algorithm) => Preference.Contains(algorithm, StringComparer.OrdinalIgnoreCase);

    /// <summary>Picks the challenge to answer among several (one per algorithm), or null when none is usable.</summary>
    public static DigestChallenge? Choose(IEnumerable<DigestChallenge> challenges)
    {
        var list = challenges.ToList();
        foreach (var algorithm in Preference)
        {
            var match = list.FirstOrDefault(c => c.Algorithm.Equals(algorithm, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
        }
        return null;
    }

    /// <summary>Reads every digest challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate).</summary>
    public static IReadOnlyList<DigestChallenge> ChallengesOf(SipResponse response)
    {
        var header = response.StatusCode == SipStatus.ProxyAuthenticationRequired ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate;
        var challenges = new List<DigestChallenge>();
        foreach (var value in response.Headers.GetAll(header))
        {
            try
            {
                challenges.Add(DigestChallenge.Parse(value));
            }
            catch (SipParseException)
            {
                // Another scheme or a broken challenge: skip it, another one may be usable.
            }
        }
        return challenges;
    }

    /// <summary>Builds the Authorization / Proxy-Authorization value answering <paramref name="challenge"/>.</summary>
    public static string CreateAuthorization(DigestChallenge challenge, SipCredentials credentials, string method, string uri, ReadOnlySpan<byte> body, string cnonce, int nonceCount = 1)
    {
        var algorithm = challenge.Algorithm;
        if (!IsSupported(algorithm)) throw new NotSupportedException($"Digest algorithm {algorithm} is not supported.");
        var qop = challenge.Qop.Contains("auth") ? "auth" : challenge.Qop.Contains("auth-int") ? "auth-int" : null;
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var response = ComputeResponse(algorithm, credentials.UserName, challenge.Realm, credentials.Password, method, uri, challenge.Nonce, nc, cnonce, qop, body);

        var sb = new StringBuilder("Digest ");
        sb.Append("username=").Append(SipText.Quote(credentials.UserName));
        sb.Append(", realm=").Append(SipText.Quote(challenge.Realm));
        sb.Append(", nonce=").Append(SipText.Quote(challenge.Nonce));
        sb.Append(", uri=").Append(SipText.Quote(uri));
        sb.Append(", response=").Append(SipText.Quote(response));
        sb.Append(", algorithm=").Append(algorithm);
        if (qop is not null) sb.Append(", cnonce=").Append(SipText.Quote(cnonce)).Append(", qop=").Append(qop).Append(", nc=").Append(nc);
        if (challenge.Opaque is { } opaque) sb.Append(", opaque=").Append(SipText.Quote(opaque));
        return sb.ToString();
    }

    /// <summary>The request-digest of RFC 2617 §3.2.2.1, generalised to SHA-256 by RFC 7616 §3.4.1.</summary>
    public static string ComputeResponse(string algorithm, string userName, string realm, string password, string method, string uri, string nonce, string nc, string cnonce, string? qop, ReadOnlySpan<byte> body = default)
    {
        var sha256 = algorithm.StartsWith("SHA-256", StringComparison.OrdinalIgnoreCase);
        string H(string data) => Hash(sha256, Encoding.UTF8.GetBytes(data));

        var ha1 = H($"{userName}:{realm}:{password}");
        if (algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase)) ha1 = H($"{ha1}:{nonce}:{cnonce}");
        var ha2 = qop == "auth-int" ? H($"{method}:{uri}:{Hash(sha256, body)}") : H($"{method}:{uri}");
        return qop is null ? H($"{ha1}:{nonce}:{ha2}") : H($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    private static string Hash(bool sha256, ReadOnlySpan<byte> data) =>
        Convert.ToHexStringLower(sha256 ? SHA256.HashData(data) : MD5.HashData(data));
}
