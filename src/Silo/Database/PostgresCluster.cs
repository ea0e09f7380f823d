using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Silo.Database;

/// <summary>
/// The pg_ctl/initdb side of <see cref="LocalPostgresServer"/>: creating a cluster folder, finding
/// out whether it runs and on which port, choosing a port and starting it.
/// </summary>
internal static class PostgresCluster
{
    public static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs initdb: every connection, local or TCP, must authenticate with a SCRAM password, and the
    /// superuser's is read from <paramref name="superuserPasswordFile"/>.
    /// </summary>
    public static async Task InitializeAsync(
        PostgresTools tools, string root, string cluster, string superUser, string superuserPasswordFile, bool throwaway, CancellationToken ct)
    {
        List<string> arguments =
        [
            "-D", cluster, "-U", superUser, "--auth=scram-sha-256", $"--pwfile={superuserPasswordFile}", "--no-locale", "--encoding=UTF8",
        ];
        if (throwaway)
        {
            arguments.Add("--no-sync");
        }

        var result = await tools.RunAsync("initdb", arguments, root, ToolTimeout, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"initdb failed for '{cluster}' (exit {result.ExitCode}). If it reports 'Permission denied', every folder above it must be " +
                $"readable by user 'postgres'.{Environment.NewLine}{result.Output.Trim()}");
        }
    }

    /// <summary>The port of the server running on <paramref name="cluster"/>, or null if none runs.</summary>
    public static async Task<int?> ReadRunningPortAsync(PostgresTools tools, string root, string cluster, CancellationToken ct)
    {
        // pg_ctl status: 0 = running, 3 = not running (a stale postmaster.pid is ignored), 4 = no cluster.
        var status = await tools.RunAsync("pg_ctl", ["status", "-D", cluster], root, ToolTimeout, ct);
        if (status.ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid line 4 is the port (PostgreSQL's pidfile.h, LOCK_FILE_LINE_PORT).
        var lines = await File.ReadAllLinesAsync(Path.Combine(cluster, "postmaster.pid"), ct);
        if (lines.Length >= 4 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }

        throw new InvalidOperationException($"PostgreSQL on '{cluster}' is running but its postmaster.pid names no port.");
    }

    /// <summary>
    /// The requested port, else the one remembered in <c>root/port</c>, else a free one; remembered
    /// for next time when <paramref name="remember"/> is set.
    /// </summary>
    public static int ChoosePort(int requested, string root, bool remember)
    {
        var portFile = Path.Combine(root, "port");
        var port = requested;
        if (port == 0 && File.Exists(portFile)
            && int.TryParse(File.ReadAllText(portFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var remembered)
            && remembered is > 0 and <= IPEndPoint.MaxPort)
        {
            port = remembered;
        }

        if (port == 0)
        {
            port = FindFreePort();
        }

        if (remember)
        {
            File.WriteAllText(portFile, port.ToString(CultureInfo.InvariantCulture));
        }

        return port;
    }

    /// <summary>
    /// Starts the cluster on <paramref name="port"/>. Returns null when we started it, or the port
    /// of a server that another process started on the same folder in the meantime.
    /// </summary>
    public static async Task<int?> StartAsync(
        PostgresTools tools, string root, string cluster, int port, bool throwaway, CancellationToken ct)
    {
        var socketDirectory = Path.Combine(root, "run");
        Directory.CreateDirectory(socketDirectory);
        await tools.GiveToServiceUserAsync(socketDirectory, ct);

        // A Unix socket path is limited to 107 bytes; deep folders get TCP only.
        var socketPath = Path.Combine(socketDirectory, $".s.PGSQL.{port}");
        var socketArgument = socketPath.Length < 100 ? $"\"{socketDirectory}\"" : "\"\"";
        var serverOptions = $"-p {port} -k {socketArgument} -c listen_addresses=127.0.0.1";
        if (throwaway)
        {
            // Tests never need crash safety; these make commits and CREATE DATABASE much cheaper.
            serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        }

        var log = Path.Combine(root, "postgres.log");
        var result = await tools.RunAsync(
            "pg_ctl", ["start", "-D", cluster, "-l", log, "-w", "-t", "60", "-o", serverOptions], root, ToolTimeout, ct);
        if (result.ExitCode == 0)
        {
            return null;
        }

        if (await ReadRunningPortAsync(tools, root, cluster, ct) is { } racedPort)
        {
            return racedPort;
        }

        throw new InvalidOperationException(
            $"PostgreSQL on '{cluster}' did not start on port {port} (pg_ctl exit {result.ExitCode}).{Environment.NewLine}" +
            $"{result.Output.Trim()}{Environment.NewLine}Last lines of {log}:{Environment.NewLine}{ReadTail(log, 20)}");
    }

    private static int FindFreePort()
    {
        // The port is free when we look; the short window until postgres binds it is acceptable
        // because a collision fails the start with a clear "could not bind" in the log.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string ReadTail(string path, int lines)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read: {ex.Message})";
        }
    }
}
