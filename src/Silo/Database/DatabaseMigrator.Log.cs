using Microsoft.Extensions.Logging;

namespace ContactCenter.Silo.Database;

public static partial class DatabaseMigrator
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {MigrationName} to {Database} in {ElapsedMs:F0} ms")]
    private static partial void LogApplied(ILogger logger, int version, string migrationName, string database, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying migration {MigrationName} after newer migration {HighestApplied}; it was probably merged from a parallel branch")]
    private static partial void LogOutOfOrder(ILogger logger, string migrationName, int highestApplied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Database} has migration {Version} {MigrationName} that this build does not know; it was applied by a newer build")]
    private static partial void LogUnknownApplied(ILogger logger, int version, string migrationName, string database);
}
