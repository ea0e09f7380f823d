using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ContactCenter.Silo.Tests.Support;

/// <summary>
/// A data folder laid out as versions before the password change made it (initdb with
/// <c>--auth=trust</c>, superuser <c>cc</c>, port remembered in <c>port</c>), running until
/// <see cref="StopAsync"/>. Its connection string needs no password.
/// </summary>
internal sealed class LegacyPostgresFolder
{
    private LegacyPostgresFolder(string root, int port)
    {
        Root = root;
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    private string Cluster => Path.Combine(Root, "pgdata");

    /// <summary>As the superuser without a password, which the trust rules of those versions let in.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Database = database,
        Username = "cc",
        Pooling = false,
    }.ConnectionString;

    public static async Task<LegacyPostgresFolder> CreateAsync(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "run"));
        await GiveToPostgresAsync(root);
        await GiveToPostgresAsync(Path.Combine(root, "run"));
        var folder = new LegacyPostgresFolder(root, FreePort());
        await RunAsync("initdb", "-D", folder.Cluster, "-U", "cc", "--auth=trust", "--no-locale", "--encoding=UTF8", "--no-sync");
        await File.WriteAllTextAsync(Path.Combine(root, "port"), folder.Port.ToString(CultureInfo.InvariantCulture));
        await RunAsync("pg_ctl", "start", "-D", folder.Cluster, "-l", Path.Combine(root, "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {folder.Port} -k \"{Path.Combine(root, "run")}\" -c listen_addresses=127.0.0.1 -c fsync=off");
        return folder;
    }

    public Task StopAsync() => RunAsync("pg_ctl", "stop", "-D", Cluster, "-m", "fast", "-w", "-t", "60");

    /// <summary>PostgreSQL refuses to run as root: as root, the tools run as the postgres user (as LocalPostgresServer does).</summary>
    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine("/usr/lib/postgresql/15/bin", tool);
        var info = Environment.IsPrivilegedProcess ? new ProcessStartInfo("runuser") : new ProcessStartInfo(path);
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", path]) info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        await RunAsync(info);
    }

    private static async Task GiveToPostgresAsync(string path)
    {
        if (Environment.IsPrivilegedProcess)
        {
            var info = new ProcessStartInfo("chown");
            foreach (var argument in (string[])["postgres:postgres", path]) info.ArgumentList.Add(argument);
            await RunAsync(info);
        }
    }

    private static async Task RunAsync(ProcessStartInfo info)
    {
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
