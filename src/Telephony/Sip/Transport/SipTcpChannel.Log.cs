using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

public sealed partial class SipTcpChannel
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "TCP accept failed with {SocketError}")]
    private static partial void LogAcceptFailed(ILogger logger, SocketError socketError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing TCP connection from {Remote}: {Reason}")]
    private static partial void LogFramingError(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TCP connection {Remote} failed with {SocketError}")]
    private static partial void LogConnectionError(ILogger logger, IPEndPoint remote, SocketError socketError);
}
