using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>
/// A project-local PostgreSQL server on 127.0.0.1, for the run command and for tests: initialises
/// a cluster in a folder on first use, starts it (or reuses one already running on that folder)
/// and makes sure the <c>contactcenter</c> database exists, owned by the product's ordinary role.
/// </summary>
/// <remarks>
/// Every connection needs a password (SCRAM-SHA-256), on TCP and on the socket alike. The superuser
/// (<see cref="SuperuserName"/>) is for setting up only; the product connects as
/// <see cref="UserName"/>, which owns its database and nothing else. Both passwords are generated on
/// first use and kept in the data folder, readable by the server's user only. A folder made by an
/// earlier version, which trusted every local connection and let the product in as the superuser,
/// is brought to this state in place at its next start, its data kept.
/// </remarks>
public sealed partial class LocalPostgresServer : IAsyncDisposable
{
    /// <summary>The database that <see cref="ConnectionString"/> points at.</summary>
    public const string DatabaseName = "contactcenter";

    /// <summary>The superuser created by initdb; used to set the server up, never by the product.</summary>
    public const string SuperuserName = "cc";

    /// <summary>The product's role: ordinary, owner of its databases only.</summary>
    public const string UserName = "contactcenter";

    private const string MaintenanceDatabase = "postgres";

    private readonly LocalPostgresOptions options;
    private readonly PostgresTools tools;
    private readonly ILogger logger;
    private readonly bool startedHere;
    private readonly string superuserPassword;
    private readonly string password;
    private int disposed;

    private LocalPostgresServer(
        LocalPostgresOptions options, PostgresTools tools, string root, int port, bool startedHere, string superuserPassword, string password, ILogger logger)
    {
        this.options = options;
        this.tools = tools;
        this.logger = logger;
        this.startedHere = startedHere;
        this.superuserPassword = superuserPassword;
        this.password = password;
        RootDirectory = root;
        Port = port;
        ConnectionString = BuildConnectionString(DatabaseName);
        SuperuserConnectionString = BuildConnectionString(MaintenanceDatabase, SuperuserName, superuserPassword);
    }

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>
    /// Connection string for the <c>contactcenter</c> database as the product's role
    /// (<see cref="UserName"/>), with its password.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Connection string for the maintenance database (<c>postgres</c>) as the superuser, for setting
    /// up and for tests that need a superuser's powers. The product never connects with it.
    /// </summary>
    public string SuperuserConnectionString { get; }

    /// <summary>The absolute form of <see cref="LocalPostgresOptions.DataDirectory"/>.</summary>
    public string RootDirectory { get; }

    private string ClusterDirectory => Path.Combine(RootDirectory, "pgdata");

    /// <summary>
    /// Starts (or reuses) the server described by <paramref name="options"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The binaries are missing, initdb or start-up
    /// failed (the message carries the tool output and the end of the server log), a running
    /// server on that folder listens on another port than the one requested, or the cluster requires
    /// passwords but the superuser's password file is gone.</exception>
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

        // Serialises starters on one folder (say the silo and the API starting together): one
        // initialises and starts, the others then find it running.
        await using var folderLock = await LockFolderAsync(root, ct);
        var cluster = Path.Combine(root, "pgdata");
        var secrets = new LocalPostgresSecrets(root, tools);
        string superuserPassword;
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            superuserPassword = await secrets.ReadOrCreateAsync(LocalPostgresSecrets.SuperuserFile, ct);
            await PostgresCluster.InitializeAsync(
                tools, root, cluster, SuperuserName, secrets.PathOf(LocalPostgresSecrets.SuperuserFile), options.Throwaway, ct);
            LogInitialized(logger, cluster);
        }
        else if (secrets.Exists(LocalPostgresSecrets.SuperuserFile) || await HostBasedAuthentication.TrustsAnyoneAsync(cluster, ct))
        {
            // The file holds the superuser's password; a cluster of an earlier version trusts every
            // connection and has none yet: it is made here and set by SecureAsync.
            superuserPassword = await secrets.ReadOrCreateAsync(LocalPostgresSecrets.SuperuserFile, ct);
        }
        else
        {
            throw new InvalidOperationException(
                $"The PostgreSQL cluster in '{cluster}' requires passwords, but the superuser's password file " +
                $"'{secrets.PathOf(LocalPostgresSecrets.SuperuserFile)}' is missing. Restore it from a backup of the folder, " +
                "or move the folder away to start with an empty database.");
        }

        var productPassword = await secrets.ReadOrCreateAsync(LocalPostgresSecrets.ProductFile, ct);

        int port;
        bool startedHere;
        if (await PostgresCluster.ReadRunningPortAsync(tools, root, cluster, ct) is { } runningPort)
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
            port = PostgresCluster.ChoosePort(options.Port, root, remember: !options.Throwaway);
            var raced = await PostgresCluster.StartAsync(tools, root, cluster, port, options.Throwaway, ct);
            if (raced is { } racedPort)
            {
                // Another process started the same folder between our status check and our start.
                if (options.Port != 0 && options.Port != racedPort)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL on '{root}' was started concurrently on port {racedPort}, not the requested {options.Port}.");
                }

                port = racedPort;
                startedHere = false;
                LogReused(logger, root, port);
            }
            else
            {
                startedHere = true;
                LogStarted(logger, root, port, options.Throwaway);
            }
        }

        var server = new LocalPostgresServer(options, tools, root, port, startedHere, superuserPassword, productPassword, logger);
        try
        {
            await server.SecureAsync(cluster, ct);
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
    /// Creates a new, empty database owned by the product's role and returns a connection string to
    /// it as that role.
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
        await using var dataSource = CreateSuperuserDataSource(MaintenanceDatabase);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await ProductRole.CreateDatabaseAsync(connection, name, UserName, ct);
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
                if (Directory.Exists(RootDirectory))
                {
                    Directory.Delete(RootDirectory, recursive: true);
                }
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

    private static async Task<FileStream> LockFolderAsync(string root, CancellationToken ct)
    {
        var path = Path.Combine(root, "start.lock");
        var waited = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix, honoured across processes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (TimeProvider.System.GetElapsedTime(waited) < PostgresCluster.ToolTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    private async Task StopAsync(string mode)
    {
        if (!Directory.Exists(ClusterDirectory))
        {
            // Another instance on the same throwaway folder already stopped and deleted it.
            return;
        }

        // Pooled connections to a stopped server are dead; without this, the first commands after
        // a restart on the same port would fail with "terminating connection". Clearing only
        // drops idle connections, so other servers' pools merely reconnect.
        NpgsqlConnection.ClearAllPools();
        var result = await tools.RunAsync(
            "pg_ctl", ["stop", "-D", ClusterDirectory, "-m", mode, "-w", "-t", "60"], RootDirectory, PostgresCluster.ToolTimeout, CancellationToken.None);
        if (result.ExitCode == 0)
        {
            LogStopped(logger, RootDirectory, Port);
        }
        else
        {
            LogStopFailed(logger, RootDirectory, result.Output.Trim());
        }
    }

    // Unpooled and named: set-up connections are few, and an unnamed pool would show the connection
    // string in Npgsql's metrics for the life of the process.
    private NpgsqlDataSource CreateSuperuserDataSource(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(BuildConnectionString(database, SuperuserName, superuserPassword)) { Pooling = false };
        return ConnectionPools.CreateDataSource(builder.ConnectionString, ConnectionPools.LocalServerPoolName);
    }

    private string BuildConnectionString(string database) => BuildConnectionString(database, UserName, password);

    private string BuildConnectionString(string database, string user, string userPassword) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Database = database,
        Username = user,
        Password = userPassword,
    }.ConnectionString;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseNamePattern();
}
