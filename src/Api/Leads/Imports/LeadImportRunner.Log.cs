namespace ContactCenter.Api.Leads.Imports;

public sealed partial class LeadImportRunner
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Lead import {ImportId} into list {ListId}: {Rows} rows, {Imported} imported, {Rejected} rejected, {Duplicates} duplicates in {Seconds:F2} s (read and copied {Route} in {CopiedSeconds:F2} s)")]
    private static partial void LogCompleted(ILogger logger, long importId, long listId, long rows, long imported, long rejected, long duplicates, double seconds, double copiedSeconds, string route);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lead import {ImportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress of lead import {ImportId} could not be written")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception, long importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spooled upload {Path} could not be deleted")]
    private static partial void LogSpoolNotDeleted(ILogger logger, Exception exception, string path);
}
