using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>
/// Creates the target database when it does not exist yet, through the server's maintenance
/// database (<c>postgres</c>).
/// </summary>
internal static partial class DatabaseCreator
{
    private const string MaintenanceDatabase = "postgres";

    public static async Task EnsureExistsAsync(
        NpgsqlConnectionStringBuilder target, long lockKey, ILogger logger, CancellationToken cancellationToken)
    {
        var database = target.Database!;
        try
        {
            await using var probeSource = ConnectionPools.CreateDataSource(target.ConnectionString, ConnectionPools.MigrationsPoolName);
            await using var probe = await probeSource.OpenConnectionAsync(cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Missing: fall through and create it.
        }

        var admin = new NpgsqlConnectionStringBuilder(target.ConnectionString)
        {
            Database = MaintenanceDatabase,
            Pooling = false,
        };
        await using var adminSource = ConnectionPools.CreateDataSource(admin.ConnectionString, ConnectionPools.MigrationsPoolName);
        await using var connection = await adminSource.OpenConnectionAsync(cancellationToken);

        // Two starters may both see the database missing; the lock makes the second one find it.
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", lockKey);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                LogCreated(logger, database, target.Host ?? "(default host)");
            }
        }

        // The connection is not pooled, so closing it releases the lock as well.
    }

    /// <summary>Quotes an identifier for PostgreSQL (doubling embedded quotes).</summary>
    public static string QuoteIdentifier(string identifier)
        => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database} on {Host}")]
    private static partial void LogCreated(ILogger logger, string database, string host);
}
