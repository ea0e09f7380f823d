using System.Security.Cryptography;

namespace ContactCenter.Silo.Database;

/// <summary>
/// The generated passwords of a project-local server, one file each in its data folder, readable by
/// the server's user only (mode 0600; when we run as root the files belong to <c>postgres</c>, as the
/// cluster does). Whoever can read them can already read the cluster's files, so they add no exposure.
/// </summary>
internal sealed class LocalPostgresSecrets(string root, PostgresTools tools)
{
    /// <summary>The superuser's password; initdb reads it from this file (<c>--pwfile</c>).</summary>
    public const string SuperuserFile = "superuser.password";

    /// <summary>The password of the product's ordinary role.</summary>
    public const string ProductFile = "contactcenter.password";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Letters and digits only: nothing to escape in a connection string, nothing SASLprep would change.
    // 32 of 62 symbols are about 190 bits.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int Length = 32;

    public string PathOf(string file) => Path.Combine(root, file);

    public bool Exists(string file) => File.Exists(PathOf(file));

    /// <summary>The password in <paramref name="file"/>, generated and written first if the file is missing.</summary>
    public async Task<string> ReadOrCreateAsync(string file, CancellationToken ct)
    {
        var path = PathOf(file);
        if (!File.Exists(path))
        {
            await WriteNewAsync(path, ct);
        }

        return await ReadAsync(file, ct);
    }

    /// <summary>The password in <paramref name="file"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public async Task<string> ReadAsync(string file, CancellationToken ct)
    {
        var path = PathOf(file);
        // A copied or restored folder may have come back readable by others; the file is ours to tighten.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }

        var password = (await File.ReadAllTextAsync(path, ct)).Trim();
        if (password.Length == 0)
        {
            throw new InvalidOperationException($"The password file '{path}' is empty.");
        }

        return password;
    }

    /// <summary>A new file that only its owner may read or write (mode 0600), from its creation on.</summary>
    public static FileStream CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return new FileStream(path, options);
    }

    private async Task WriteNewAsync(string path, CancellationToken ct)
    {
        // Created 0600 from the start (never briefly readable by others), then renamed into place so
        // that a crash leaves either no file or a whole one.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var writer = new StreamWriter(CreateOwnerOnly(temporary)))
            {
                // No line break: initdb takes the first line of --pwfile as it is.
                await writer.WriteAsync(RandomNumberGenerator.GetString(Alphabet, Length).AsMemory(), ct);
            }

            await tools.GiveToServiceUserAsync(temporary, ct);
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
