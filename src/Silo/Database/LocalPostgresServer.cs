using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>
/// A project-local PostgreSQL server on 127.0.0.1, for the run command and for tests: initialises
/// a cluster in a folder on first use, starts it (or reuses one already running on that folder)
/// and makes sure the <c>contactcenter</c> database exists.
/// </summary>
public sealed partial class LocalPostgresServer : IAsyncDisposable
{
    /// <summary>The database that <see cref="ConnectionString"/> points at.</summary>
    public const string DatabaseName = "contactcenter";

    /// <summary>The superuser created by initdb; trust authentication, loopback only.</summary>
    public const string UserName = "cc";

    private const string MaintenanceDatabase = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private readonly LocalPostgresOptions options;
    private readonly PostgresTools tools;
    private readonly ILogger logger;
    private readonly bool startedHere;
    private int disposed;

    private LocalPostgresServer(LocalPostgresOptions options, PostgresTools tools, string root, int port, bool startedHere, ILogger logger)
    {
        this.options = options;
        this.tools = tools;
        this.logger = logger;
        this.startedHere = startedHere;
        RootDirectory = root;
        Port = port;
        ConnectionString = BuildConnectionString(DatabaseName);
    }

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Connection string for the <c>contactcenter</c> database as user <c>cc</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The absolute form of <see cref="LocalPostgresOptions.DataDirectory"/>.</summary>
    public string RootDirectory { get; }

    private string ClusterDirectory => Path.Combine(RootDirectory, "pgdata");

    /// <summary>
    /// Starts (or reuses) the server described by <paramref name="options"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The binaries are missing, initdb or start-up
    /// failed (the message carries the tool output and the end of the server log), or a running
    /// server on that folder listens on another port than the one requested.</exception>
    public static async Task<LocalPostgresServer> StartAsync(
        LocalPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        logger ??= NullLogger.Instance;

        var root = Path.GetFullPath(options.DataDirectory);
        if (root.IndexOfAny(['"', '$', '`', '\\']) >= 0)
        {
            // pg_ctl hands the server options to /bin/sh; these characters would need shell escaping.
            throw new ArgumentException($"The PostgreSQL data directory '{root}' must not contain \", $, ` or \\.", nameof(options));
        }

        var tools = PostgresTools.Locate(options.BinDirectory);
        Directory.CreateDirectory(root);
        await tools.GiveToServiceUserAsync(root, ct);
        if (options.Throwaway)
        {
            // Armed before initdb so that even a run killed half-way leaves nothing behind.
            ThrowawayWatchdog.Start(tools, root);
        }

        var cluster = Path.Combine(root, "pgdata");
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            await InitializeClusterAsync(tools, root, cluster, options.Throwaway, logger, ct);
        }

        int port;
        bool startedHere;
        if (await ReadRunningPortAsync(tools, root, cluster, ct) is { } runningPort)
        {
            if (options.Port != 0 && options.Port != runningPort)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL on '{root}' is already running on port {runningPort}, not the requested {options.Port}. Stop it or request port {runningPort}.");
            }

            port = runningPort;
            startedHere = false;
            LogReused(logger, root, port);
        }
        else
        {
            port = ChoosePort(options, root);
            await StartClusterAsync(tools, root, cluster, port, options.Throwaway, ct);
            startedHere = true;
            LogStarted(logger, root, port, options.Throwaway);
        }

        var server = new LocalPostgresServer(options, tools, root, port, startedHere, logger);
        try
        {
            await server.EnsureDatabaseAsync(DatabaseName, ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Creates a new, empty database and returns a connection string to it.
    /// </summary>
    /// <param name="name">Lower-case letters, digits and underscores, starting with a letter or
    /// underscore, at most 63 characters.</param>
    /// <param name="ct">Cancels the creation.</param>
    /// <exception cref="ArgumentException">The name is not a plain identifier.</exception>
    /// <exception cref="InvalidOperationException">A database with that name already exists.</exception>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid database name: use 1-63 lower-case letters, digits or underscores, not starting with a digit.", nameof(name));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await using var connection = await OpenMaintenanceConnectionAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            throw new InvalidOperationException($"Database '{name}' already exists on the local PostgreSQL server.", ex);
        }

        return BuildConnectionString(name);
    }

    /// <summary>
    /// Stops the server if it is a throwaway (and deletes its folder) or if this instance started
    /// it and <see cref="LocalPostgresOptions.StopOnDispose"/> is set.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (options.Throwaway)
        {
            await StopAsync("immediate");
            try
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogDeleteFailed(logger, ex, RootDirectory);
            }
        }
        else if (startedHere && options.StopOnDispose)
        {
            await StopAsync("fast");
        }
    }

    private async Task StopAsync(string mode)
    {
        // Pooled connections to a stopped server are dead; without this, the first commands after
        // a restart on the same port would fail with "terminating connection". Clearing only
        // drops idle connections, so other servers' pools merely reconnect.
        NpgsqlConnection.ClearAllPools();
        var result = await tools.RunAsync(
            "pg_ctl", ["stop", "-D", ClusterDirectory, "-m", mode, "-w", "-t", "60"], RootDirectory, ToolTimeout, CancellationToken.None);
        if (result.ExitCode == 0)
        {
            LogStopped(logger, RootDirectory, Port);
        }
        else
        {
            LogStopFailed(logger, RootDirectory, result.Output.Trim());
        }
    }

    private async Task EnsureDatabaseAsync(string name, CancellationToken ct)
    {
        await using var connection = await OpenMaintenanceConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(BuildConnectionString(MaintenanceDatabase)) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private string BuildConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Database = database,
        Username = UserName,
    }.ConnectionString;

    private static async Task InitializeClusterAsync(
        PostgresTools tools, string root, string cluster, bool throwaway, ILogger logger, CancellationToken ct)
    {
        List<string> arguments = ["-D", cluster, "-U", UserName, "--auth=trust", "--no-locale", "--encoding=UTF8"];
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

        LogInitialized(logger, cluster);
    }

    private static async Task<int?> ReadRunningPortAsync(PostgresTools tools, string root, string cluster, CancellationToken ct)
    {
        // pg_ctl status: 0 = running, 3 = not running (a stale postmaster.pid is ignored), 4 = no cluster.
        var status = await tools.RunAsync("pg_ctl", ["status", "-D", cluster], root, ToolTimeout, ct);
        if (status.ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid line 4 is the port (see PostgreSQL's pidfile.h, LOCK_FILE_LINE_PORT).
        var lines = await File.ReadAllLinesAsync(Path.Combine(cluster, "postmaster.pid"), ct);
        if (lines.Length >= 4 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }

        throw new InvalidOperationException($"PostgreSQL on '{cluster}' is running but its postmaster.pid names no port.");
    }

    private static int ChoosePort(LocalPostgresOptions options, string root)
    {
        var portFile = Path.Combine(root, "port");
        var port = options.Port;
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

        if (!options.Throwaway)
        {
            File.WriteAllText(portFile, port.ToString(CultureInfo.InvariantCulture));
        }

        return port;
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

    private static async Task StartClusterAsync(
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
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL on '{cluster}' did not start on port {port} (pg_ctl exit {result.ExitCode}).{Environment.NewLine}" +
                $"{result.Output.Trim()}{Environment.NewLine}Last lines of {log}:{Environment.NewLine}{ReadTail(log, 20)}");
        }
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

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseNamePattern();
}
