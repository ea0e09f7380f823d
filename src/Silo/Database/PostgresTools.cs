namespace ContactCenter.Silo.Database;

/// <summary>
/// Runs the PostgreSQL server tools (initdb, pg_ctl). PostgreSQL refuses to run as root, so when
/// we are root the tools run as the unprivileged <c>postgres</c> user through runuser.
/// </summary>
internal sealed class PostgresTools
{
    private const string ServiceUser = "postgres";
    private const string DefaultVersionBin = "/usr/lib/postgresql/15/bin";
    private const string InstallRoot = "/usr/lib/postgresql";

    private PostgresTools(string binDirectory, bool runAsServiceUser)
    {
        BinDirectory = binDirectory;
        RunAsServiceUser = runAsServiceUser;
    }

    public string BinDirectory { get; }

    public bool RunAsServiceUser { get; }

    public static PostgresTools Locate(string? binDirectory)
    {
        var bin = binDirectory ?? FindBinDirectory();
        if (!File.Exists(Path.Combine(bin, "pg_ctl")) || !File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl) were not found in '{bin}'. Install the server package, e.g. 'apt-get install -y postgresql'.");
        }

        return new PostgresTools(bin, Environment.IsPrivilegedProcess);
    }

    /// <summary>Runs a tool from the bin folder, as the service user when we are root.</summary>
    public Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(BinDirectory, tool);
        return RunAsServiceUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], workingDirectory, timeout, cancellationToken)
            : ProcessRunner.RunAsync(path, arguments, workingDirectory, timeout, cancellationToken);
    }

    /// <summary>Hands a folder or file we created to the service user (only needed when we are root).</summary>
    public async Task GiveToServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!RunAsServiceUser)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync(
            "chown", [$"{ServiceUser}:{ServiceUser}", path], "/", TimeSpan.FromSeconds(30), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give '{path}' to user '{ServiceUser}': {result.Output.Trim()}");
        }
    }

    private static string FindBinDirectory()
    {
        if (Directory.Exists(DefaultVersionBin))
        {
            return DefaultVersionBin;
        }

        if (Directory.Exists(InstallRoot))
        {
            var newest = Directory.GetDirectories(InstallRoot)
                .Select(dir => (Dir: dir, Ok: int.TryParse(Path.GetFileName(dir), out var major), Major: major))
                .Where(v => v.Ok && File.Exists(Path.Combine(v.Dir, "bin", "pg_ctl")))
                .OrderByDescending(v => v.Major)
                .Select(v => Path.Combine(v.Dir, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return DefaultVersionBin;
    }
}
