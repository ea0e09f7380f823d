namespace ContactCenter.Api.Accounts;

/// <summary>The first admin (section "ContactCenter:Admin"), created at start when no user "admin" exists.</summary>
public sealed class AdminOptions
{
    public const string Section = "ContactCenter:Admin";
    public const string Username = "admin";

    /// <summary>Its password; when none is given a random one is printed once and written to <see cref="PasswordFile"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Where a generated password is written (readable by the product's OS user only). Default:
    /// beside the project-local PostgreSQL's data folder (<c>.data/initial-admin-password</c> for
    /// <c>./run.sh</c>), or <c>~/.contact-center/initial-admin-password</c> with an external database.
    /// </summary>
    public string? PasswordFile { get; set; }
}
