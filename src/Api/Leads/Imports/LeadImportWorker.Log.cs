namespace ContactCenter.Api.Leads.Imports;

public sealed partial class LeadImportWorker
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} lead imports were left running by a stopped node and are now marked failed")]
    private static partial void LogAbandoned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for abandoned lead imports")]
    private static partial void LogAbandonedCheckFailed(ILogger logger, Exception exception);
}
