using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Accounts;

/// <summary>Sign-in, lock-out and abuse limits (section "ContactCenter:Accounts").</summary>
public sealed class AccountOptions
{
    public const string Section = "ContactCenter:Accounts";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 100)] public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(1, 24 * 60)] public int LockoutMinutes { get; set; } = 15;

    /// <summary>A browser session ends after this long without a request.</summary>
    [Range(1, 24 * 7)] public int SessionHours { get; set; } = 8;

    /// <summary>Sign-in attempts one address may make per minute, whatever the user names.</summary>
    [Range(1, 10_000)] public int LoginsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Lead and DNC imports one user or key may start per minute.</summary>
    [Range(1, 10_000)] public int ImportsPerMinute { get; set; } = 10;

    /// <summary>CSV exports one user or key may start per minute.</summary>
    [Range(1, 10_000)] public int ExportsPerMinute { get; set; } = 30;
}
