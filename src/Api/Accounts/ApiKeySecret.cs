using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// API keys are 256 random bits, base64url, behind a "cck_" prefix that secret scanners and people
/// can recognise. Only their SHA-256 is stored: with that much entropy nothing is gained by a slow
/// hash, and the lookup on each request stays one index probe.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "cck_";
    private const int ShownPrefixLength = 10;

    public static string Generate() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The start of the key kept in clear so admins can tell keys apart in a list.</summary>
    public static string ShownPrefix(string key) => key[..Math.Min(ShownPrefixLength, key.Length)];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
