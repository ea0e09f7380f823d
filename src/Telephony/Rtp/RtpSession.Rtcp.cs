using System.Net.Sockets;
using ContactCenter.Telephony.Rtp.Rtcp;

namespace ContactCenter.Telephony.Rtp;

public sealed partial class RtpSession
{
    private long rtcpSent;
    private long rtcpReceived;
    private long packetsSentAtLastReport;
    private RtcpReportBlock? remoteReport;
    private TimeSpan? roundTripTime;

    /// <summary>
    /// Sends an RTCP compound packet now: SR if we sent RTP since the last report, else RR
    /// (RFC 3550 §6.4), then SDES CNAME (§6.1), then BYE when leaving (§6.6).
    /// </summary>
    public async Task SendRtcpAsync(bool includeBye = false, CancellationToken cancellationToken = default)
    {
        System.Net.IPEndPoint? destination;
        byte[] datagram;
        lock (gate)
        {
            destination = remoteRtcp;
            if (destination is null) throw new InvalidOperationException("The RTP session has no remote endpoint; call SetRemote first.");
            datagram = RtcpCompoundPacket.Write(BuildReport(includeBye));
        }
        var socket = options.RtcpMux || rtcpSocket is null ? rtpSocket : rtcpSocket;
        await socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken);
        Interlocked.Increment(ref rtcpSent);
    }

    private List<RtcpPacket> BuildReport(bool includeBye)
    {
        long now = time.GetTimestamp();
        var blocks = sources.Values.Where(s => s.IsValid).Take(31)
            .Select(s => s.CreateReportBlock(now, time.TimestampFrequency)).ToList();
        RtcpPacket report;
        if (packetsSent > packetsSentAtLastReport)
        {
            // §6.4.1: the SR's RTP timestamp is the media clock at the same instant as its NTP time.
            ulong ntp = NtpTimestamp.FromDateTime(time.GetUtcNow());
            report = new RtcpSenderReport(Ssrc, ntp, TimestampNow(), (uint)packetsSent, (uint)octetsSent, blocks);
        }
        else
        {
            report = new RtcpReceiverReport(Ssrc, blocks);
        }
        packetsSentAtLastReport = packetsSent;
        var packets = new List<RtcpPacket> { report, new RtcpSourceDescription(Ssrc, CName) };
        if (includeBye) packets.Add(new RtcpBye(Ssrc));
        return packets;
    }

    private void HandleRtcp(ReadOnlySpan<byte> datagram, System.Net.IPEndPoint from)
    {
        IReadOnlyList<RtcpPacket> packets;
        try
        {
            packets = RtcpCompoundPacket.Parse(datagram);
        }
        catch (RtpFormatException ex)
        {
            Interlocked.Increment(ref invalidPackets);
            LogInvalidPacket(from, ex.Message);
            return;
        }

        Interlocked.Increment(ref rtcpReceived);
        long arrival = time.GetTimestamp();
        lock (gate)
        {
            foreach (var packet in packets)
            {
                IReadOnlyList<RtcpReportBlock> blocks = [];
                if (packet is RtcpSenderReport sr)
                {
                    if (sources.TryGetValue(sr.SenderSsrc, out var stats)) stats.OnSenderReport(sr.NtpTimestamp, arrival);
                    blocks = sr.Reports;
                }
                else if (packet is RtcpReceiverReport rr)
                {
                    blocks = rr.Reports;
                }
                foreach (var block in blocks.Where(b => b.Ssrc == Ssrc)) AcceptRemoteReport(block);
            }
        }
        foreach (var packet in packets) RtcpReceived?.Invoke(packet);
    }

    private void AcceptRemoteReport(RtcpReportBlock block)
    {
        remoteReport = block;
        if (block.LastSenderReport == 0) return;
        // §6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s of the NTP middle 32 bits.
        uint arrival = NtpTimestamp.Middle32(NtpTimestamp.FromDateTime(time.GetUtcNow()));
        uint rtt = arrival - block.LastSenderReport - block.DelaySinceLastSenderReport;
        if (rtt < 65536u * 60) roundTripTime = NtpTimestamp.FromShortUnits(rtt);
    }

    private async Task RtcpTimerLoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            // §6.3.1: randomise the interval to 0.5–1.5 times the mean so participants don't synchronise.
            var delay = options.RtcpInterval * (0.5 + Random.Shared.NextDouble());
            try
            {
                await Task.Delay(delay, time, token);
                if (RemoteEndPoint is not null) await SendRtcpAsync(includeBye: false, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (token.IsCancellationRequested) break;
                LogSendFailed(ex.Message);
            }
        }
    }
}
