using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transactions;

public sealed partial class SipTransactionLayer
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "New {Method} server transaction {Key}")]
    private static partial void LogServerTransaction(ILogger logger, string method, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} with 503: {Count} server transactions are live")]
    private static partial void LogOverloaded(ILogger logger, string method, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} more 503 refusals suppressed from the log in the last {Interval}")]
    private static partial void LogOverloadSuppressed(ILogger logger, long count, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} transaction {Key} terminated")]
    private static partial void LogTerminated(ILogger logger, string method, string key);
}
