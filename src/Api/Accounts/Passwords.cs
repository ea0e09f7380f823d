using Microsoft.AspNetCore.Identity;

namespace ContactCenter.Api.Accounts;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher, and the rule for a password's length.</summary>
public static class Passwords
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Checked against when the user does not exist, so the answer takes as long either way.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether the password matches, and a fresh hash when the stored one uses older parameters.</summary>
    public static (bool Matches, string? Rehashed) Verify(string hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, hash, password);
        return result switch
        {
            PasswordVerificationResult.Success => (true, null),
            PasswordVerificationResult.SuccessRehashNeeded => (true, Hash(password)),
            _ => (false, null),
        };
    }

    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(null!, DecoyHash, password);

    /// <summary>Why the password is refused, or null.</summary>
    public static string? Refusal(string? password) =>
        password is null || password.Length < MinLength ? $"A password has at least {MinLength} characters."
        : password.Length > MaxLength ? $"A password has at most {MaxLength} characters."
        : password.Contains('\0', StringComparison.Ordinal) ? "A password may not contain NUL characters."
        : null;

    /// <summary>A random password for the first admin: 24 characters from 128 random bits.</summary>
    public static string Generate() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
