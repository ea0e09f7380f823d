using ContactCenter.Silo.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Silo.Hosting;

/// <summary>
/// Finds the database before the host starts: a configured connection string wins; without one
/// a project-local PostgreSQL is started (or reused) under the data directory. Then migrations run.
/// </summary>
public static class DatabaseBootstrap
{
    public const string ConnectionStringName = "ContactCenter";

    /// <summary>Returns the connection string to use and, when one was started, the local server.</summary>
    public static async Task<(string ConnectionString, LocalPostgresServer? LocalServer)> PrepareAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var logger = loggers.CreateLogger("ContactCenter.Database");
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        LocalPostgresServer? local = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDirectory = Path.GetFullPath(configuration[$"{ContactCenterOptions.Section}:DataDirectory"] ?? ".data/pg");
            logger.LogInformation("No connection string configured; using the project-local PostgreSQL in {DataDirectory}", dataDirectory);
            local = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = dataDirectory }, logger, cancellationToken);
            connectionString = local.ConnectionString;
        }
        await DatabaseMigrator.MigrateAsync(connectionString, logger, cancellationToken);
        return (connectionString, local);
    }
}
