using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Rtp;

public sealed partial class RtpSession
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "RTP session {LocalEndPoint} started with SSRC {Ssrc}")]
    private partial void LogStarted(IPEndPoint localEndPoint, uint ssrc);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTP session {Ssrc} stopped after {PacketsSent} sent and {PacketsReceived} received")]
    private partial void LogStopped(uint ssrc, long packetsSent, long packetsReceived);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped an invalid packet from {Source}: {Reason}")]
    private partial void LogInvalidPacket(IPEndPoint source, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTP receive error {SocketError}")]
    private partial void LogReceiveError(SocketError socketError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A handler of received RTP failed")]
    private partial void LogHandlerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RTCP send failed: {Reason}")]
    private partial void LogSendFailed(string reason);
}
