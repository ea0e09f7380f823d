using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// Creates the user "admin" at start when it does not exist: with the configured password, or with
/// a random one that is printed once to the console (not to the log) and written to a file only the
/// product's OS user can read. Several API nodes may start at once: only the one whose insert wins
/// prints and writes.
/// </summary>
public sealed partial class AdminBootstrap(
    UserStore users,
    IOptions<AdminOptions> admin,
    IOptions<ContactCenterOptions> contactCenter,
    IConfiguration configuration,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.FindAsync(AdminOptions.Username, cancellationToken) is not null) return;
        var given = admin.Value.Password;
        // A configured password was checked at start (AdminOptions' validation in AccountsHosting).
        var password = given ?? Passwords.Generate();
        var created = await users.CreateAsync(AdminOptions.Username, Passwords.Hash(password), Roles.Admin, null, [], cancellationToken);
        if (created != UserCreateResult.Created) return;
        if (given is not null)
        {
            LogCreatedFromConfiguration(logger);
            return;
        }

        var file = PasswordFile();
        WritePrivately(file, password + Environment.NewLine);
        // Straight to the console: log sinks may ship lines elsewhere, and a password never goes there.
        Console.WriteLine($"""

            ==================================================================
             First start: created the user 'admin' with the password
                 {password}
             It is shown only now; it is also in {file}
             (readable by this OS user only). Change it after signing in.
            ==================================================================

            """);
        LogCreatedWithGeneratedPassword(logger, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where a generated password goes (see <see cref="AdminOptions.PasswordFile"/>).</summary>
    public string PasswordFile()
    {
        if (!string.IsNullOrWhiteSpace(admin.Value.PasswordFile)) return Path.GetFullPath(admin.Value.PasswordFile);
        var external = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseBootstrap.ConnectionStringName));
        if (!external)
        {
            var dataParent = Path.GetDirectoryName(Path.GetFullPath(contactCenter.Value.DataDirectory));
            if (dataParent is not null) return Path.Combine(dataParent, "initial-admin-password");
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".contact-center", "initial-admin-password");
    }

    private static void WritePrivately(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }
        // An existing file keeps its mode on FileMode.Create: make sure it is private all the same.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the user 'admin' with the configured password")]
    private static partial void LogCreatedFromConfiguration(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the user 'admin' with a generated password, written to {File}")]
    private static partial void LogCreatedWithGeneratedPassword(ILogger logger, string file);
}
