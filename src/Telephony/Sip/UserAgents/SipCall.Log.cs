using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.UserAgents;

public abstract partial class SipCall
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: unusable SDP: {Reason}")]
    private protected static partial void LogBadSdp(ILogger logger, string callId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: BYE could not be sent: {Reason}")]
    private static partial void LogByeFailed(ILogger logger, string callId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: event sink failed on {Kind}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string callId, CallEventKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId} failed unexpectedly")]
    private protected static partial void LogCallFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: stopping media failed")]
    private static partial void LogMediaStopFailed(ILogger logger, Exception exception, string callId);
}
