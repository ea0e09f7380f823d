using Microsoft.Extensions.Logging;

namespace ContactCenter.Silo.Database;

public sealed partial class LocalPostgresServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Initialised PostgreSQL cluster in {ClusterDirectory}")]
    private static partial void LogInitialized(ILogger logger, string clusterDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL in {ClusterDirectory} let every local connection in without a password (made by an earlier version); it now requires SCRAM passwords")]
    private static partial void LogPasswordsRequired(ILogger logger, string clusterDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Database} and its objects were owned by {PreviousOwner}; handed to the ordinary role {Role}")]
    private static partial void LogDatabaseTakenOver(ILogger logger, string database, string previousOwner, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started PostgreSQL from {DataDirectory} on 127.0.0.1:{Port} (throwaway: {Throwaway})")]
    private static partial void LogStarted(ILogger logger, string dataDirectory, int port, bool throwaway);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing PostgreSQL already running from {DataDirectory} on 127.0.0.1:{Port}")]
    private static partial void LogReused(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped PostgreSQL from {DataDirectory} on port {Port}")]
    private static partial void LogStopped(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping PostgreSQL from {DataDirectory} failed: {Output}")]
    private static partial void LogStopFailed(ILogger logger, string dataDirectory, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the throwaway PostgreSQL folder {DataDirectory}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string dataDirectory);
}
