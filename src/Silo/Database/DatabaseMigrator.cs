using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>
/// Brings a PostgreSQL database to the schema this build needs by applying the pending
/// migrations, each once and each in its own transaction.
/// </summary>
/// <remarks>
/// Several processes (silos, the API) may start at the same moment against the same database; a
/// session-level advisory lock makes them take turns, so each migration still runs exactly once.
/// Applied migrations are recorded in <c>schema_migrations</c> with a checksum; an applied
/// migration whose script has since changed stops the start-up, because the database would no
/// longer match what the code in the repository says it is.
/// </remarks>
public static partial class DatabaseMigrator
{
    /// <summary>PostgreSQL 15 is the oldest server we accept (we use UNIQUE NULLS NOT DISTINCT).</summary>
    public const int MinimumServerMajorVersion = 15;

    // An arbitrary application-wide key ("ccmigrat" in ASCII); every starter must use the same one.
    private const long AdvisoryLockKey = 0x63636D6967726174;

    private const string HistoryTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>
    /// Applies the migrations embedded in this assembly (<c>Database/Migrations/*.sql</c>) to the
    /// database named in <paramref name="connectionString"/>, creating the database if it is missing.
    /// </summary>
    /// <exception cref="DatabaseMigrationException">An applied migration was edited, a script is
    /// misnamed, the server is too old, or a script failed (its transaction is rolled back).</exception>
    public static Task MigrateAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
        => ApplyMigrationsAsync(connectionString, MigrationCatalog.LoadEmbedded(), logger, cancellationToken);

    /// <summary>
    /// Applies the given migrations (in version order) to the database named in
    /// <paramref name="connectionString"/>, creating the database if it is missing.
    /// </summary>
    /// <exception cref="DatabaseMigrationException">See <see cref="MigrateAsync(string, ILogger?, CancellationToken)"/>.</exception>
    /// <remarks>Named differently from <see cref="MigrateAsync"/> so that passing a null logger stays unambiguous.</remarks>
    public static async Task ApplyMigrationsAsync(
        string connectionString,
        IEnumerable<Migration> migrations,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = MigrationCatalog.Order(migrations);
        logger ??= NullLogger.Instance;

        var target = ParseConnectionString(connectionString);
        await DatabaseCreator.EnsureExistsAsync(target, AdvisoryLockKey, logger, cancellationToken);

        // Disposed with the migrations done: an unnamed pool left behind would show the connection
        // string in Npgsql's metrics for the life of the process.
        await using var dataSource = ConnectionPools.CreateDataSource(target.ConnectionString, ConnectionPools.MigrationsPoolName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        EnsureServerIsRecentEnough(connection);

        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", AdvisoryLockKey, cancellationToken);
        try
        {
            await ExecuteAsync(connection, HistoryTableSql, key: null, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            Verify(ordered, applied, target.Database!, logger);

            var highestApplied = applied.Count == 0 ? 0 : applied.Keys.Max();
            foreach (var migration in ordered.Where(m => !applied.ContainsKey(m.Version)))
            {
                if (migration.Version < highestApplied)
                {
                    LogOutOfOrder(logger, migration.Name, highestApplied);
                }

                await ApplyAsync(connection, migration, target.Database!, logger, cancellationToken);
            }
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        // Unlocking explicitly returns the pooled connection clean. Not cancellable, so a cancelled
        // start does not leave the lock held. If the connection is already broken, the server has
        // ended the session and with it the lock; an error here must not hide the original one.
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", AdvisoryLockKey, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }

    private static NpgsqlConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseMigrationException($"The PostgreSQL connection string is invalid: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new DatabaseMigrationException("The PostgreSQL connection string names no database (add 'Database=...').");
        }

        return builder;
    }

    private static void EnsureServerIsRecentEnough(NpgsqlConnection connection)
    {
        if (connection.PostgreSqlVersion.Major < MinimumServerMajorVersion)
        {
            throw new DatabaseMigrationException(
                $"PostgreSQL {connection.PostgreSqlVersion} is too old; version {MinimumServerMajorVersion} or newer is required.");
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private static void Verify(
        IReadOnlyList<Migration> migrations,
        Dictionary<int, (string Name, string Checksum)> applied,
        string database,
        ILogger logger)
    {
        var known = migrations.ToDictionary(m => m.Version);
        foreach (var (version, record) in applied.OrderBy(a => a.Key))
        {
            if (!known.TryGetValue(version, out var migration))
            {
                // A newer build has been here. Running older code against it is the operator's call.
                LogUnknownApplied(logger, version, record.Name, database);
                continue;
            }

            if (!string.Equals(migration.Checksum, record.Checksum, StringComparison.Ordinal))
            {
                throw new DatabaseMigrationException(
                    $"Migration {version} '{migration.Name}' was changed after it was applied to database '{database}' " +
                    $"(applied checksum {record.Checksum}, current {migration.Checksum}). " +
                    "Never edit an applied migration: restore its original text and add a new migration with the change.");
            }
        }
    }

    private static async Task ApplyAsync(
        NpgsqlConnection connection, Migration migration, string database, ILogger logger, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                // Migrations may move a lot of data; the caller's token bounds them instead.
                script.CommandTimeout = 0;
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                connection,
                transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new DatabaseMigrationException(
                $"Migration {migration.Version} '{migration.Name}' failed on database '{database}' and was rolled back: " +
                $"{ex.SqlState} {ex.MessageText}{(ex.Position > 0 ? $" (at character {ex.Position})" : string.Empty)}",
                ex);
        }

        LogApplied(logger, migration.Version, migration.Name, database, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, long? key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is { } value)
        {
            command.Parameters.AddWithValue("key", value);
        }

        // Waiting for another starter's migrations can legitimately take a while.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
