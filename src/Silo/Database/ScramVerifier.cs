using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Silo.Database;

/// <summary>
/// Computes the SCRAM-SHA-256 verifier PostgreSQL stores for a password, so that
/// <c>ALTER ROLE ... PASSWORD</c> carries the verifier and never the password itself: a statement
/// that fails is written to the server log with its text, and the verifier is all that would show.
/// </summary>
/// <remarks>
/// RFC 5802 §3 with SHA-256 (RFC 7677): SaltedPassword = PBKDF2(password, salt, i), StoredKey =
/// H(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword, "Server Key"), written as
/// PostgreSQL's pg_authid keeps it: <c>SCRAM-SHA-256$i:salt$StoredKey:ServerKey</c> (base64).
/// The password is used as its UTF-8 bytes without SASLprep (RFC 4013), which leaves printable ASCII
/// unchanged; the passwords we generate are letters and digits only.
/// </remarks>
internal static class ScramVerifier
{
    // PostgreSQL's default (scram_iterations); its own clients hash new passwords with it too.
    private const int Iterations = 4096;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    public static string Create(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (!Ascii.IsValid(password) || password.Any(char.IsControl))
        {
            throw new ArgumentException("Only printable ASCII passwords are supported (SASLprep is not applied).", nameof(password));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, KeyBytes);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }
}
