using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transactions;

public sealed partial class SipTransactionLayer
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "New {Method} server transaction {Key}")]
    private static partial void LogServerTransaction(ILogger logger, string method, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} transaction {Key} terminated")]
    private static partial void LogTerminated(ILogger logger, string method, string key);
}
