namespace ContactCenter.Api.Problems;

public sealed partial class UnavailableExceptionHandler
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Route} answered {Status}: {Kind} ({Cause}), grain {Grain}")]
    private static partial void LogHandled(ILogger logger, int status, string method, string route, FailureKind kind, string cause, string grain, Exception exception);
}
