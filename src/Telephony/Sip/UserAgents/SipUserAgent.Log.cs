using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.UserAgents;

public sealed partial class SipUserAgent
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Incoming call handler failed for call {CallId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string callId);
}
