using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

public sealed partial class SipTransport
{
    [LoggerMessage(Level = LogLevel.Trace, Message = "SIP to {Destination}: {StartLine}\n{Message}")]
    private static partial void LogSending(ILogger logger, SipRemote destination, string startLine, string message);

    [LoggerMessage(Level = LogLevel.Trace, Message = "SIP from {Source}: {StartLine}\n{Message}")]
    private static partial void LogReceived(ILogger logger, SipRemote source, string startLine, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Malformed SIP message from {Source}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, SipRemote source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Malformed SIP message from {Source} dropped unanswered: no usable top Via to route a response by ({Reason})")]
    private static partial void LogUnroutable(ILogger logger, SipRemote source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} more malformed SIP messages suppressed from the log in the last {Interval}")]
    private static partial void LogMalformedSuppressed(ILogger logger, long count, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a SIP message from {Source} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, SipRemote source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer a malformed request from {Source}: {Reason}")]
    private static partial void LogRejectFailed(ILogger logger, SipRemote source, string reason);
}
