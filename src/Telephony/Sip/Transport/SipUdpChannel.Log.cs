using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

public sealed partial class SipUdpChannel
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "UDP receive error {SocketError}")]
    private static partial void LogReceiveError(ILogger logger, SocketError socketError);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a datagram from {Remote} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, IPEndPoint remote);
}
