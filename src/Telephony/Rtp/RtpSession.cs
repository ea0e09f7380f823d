using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ContactCenter.Telephony.Rtp.Rtcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Rtp;

/// <summary>
/// One RTP stream pair over UDP (RFC 3550): binds a local port, sends packets to the remote
/// endpoint (paced 20 ms audio, or single packets), receives packets and raises
/// <see cref="PacketReceived"/>, keeps reception statistics per source, and exchanges RTCP
/// SR/RR reports. With no remote set, the first sender is latched as the remote (symmetric RTP,
/// RFC 4961), which is how a carrier behind NAT is usually reached.
/// </summary>
public sealed partial class RtpSession : IAsyncDisposable
{
    private readonly RtpSessionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Socket rtpSocket;
    private readonly Socket? rtcpSocket;
    private readonly Lock gate = new();
    private readonly Dictionary<uint, RtpReceptionStatistics> sources = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly long startTicks;
    private readonly uint timestampBase;
    private readonly List<Task> loops = [];

    private IPEndPoint? remote;
    private IPEndPoint? remoteRtcp;
    private ushort nextSequence;
    private uint nextTimestamp;
    private bool anyTimestamp;
    private uint lastSentTimestamp;
    private long packetsSent;
    private long octetsSent;
    private long packetsReceived;
    private long octetsReceived;
    private long invalidPackets;
    private uint? currentSource;
    private int started;
    private int stopped;
    private bool sendPaused;

    /// <summary>Binds the sockets; call <see cref="Start"/> to begin receiving.</summary>
    public RtpSession(RtpSessionOptions? options = null, TimeProvider? timeProvider = null, ILogger<RtpSession>? logger = null)
    {
        this.options = options ?? new RtpSessionOptions();
        if (this.options.ClockRate <= 0) throw new ArgumentOutOfRangeException(nameof(options), "ClockRate must be positive.");
        if (this.options.FrameInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "FrameInterval must be positive.");
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        (rtpSocket, rtcpSocket) = RtpPortBinder.Bind(this.options);

        // RFC 3550 §5.1 and §8: random initial sequence number, timestamp and SSRC.
        Ssrc = this.options.Ssrc ?? RandomUInt32();
        nextSequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        timestampBase = RandomUInt32();
        startTicks = time.GetTimestamp();
        CName = this.options.CName ?? $"cc-{Ssrc:x8}@{this.options.LocalAddress}";
    }

    /// <summary>Raised for every valid RTP packet received, on the receive loop; keep handlers short.</summary>
    public event Action<RtpPacket, IPEndPoint>? PacketReceived;

    /// <summary>Raised for every RTCP packet received (SR, RR, SDES, BYE).</summary>
    public event Action<RtcpPacket>? RtcpReceived;

    /// <summary>Our synchronisation source.</summary>
    public uint Ssrc { get; }

    /// <summary>Our SDES CNAME.</summary>
    public string CName { get; }

    /// <summary>The RTP clock rate.</summary>
    public int ClockRate => options.ClockRate;

    /// <summary>Where we receive RTP (the port to put in SDP).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)rtpSocket.LocalEndPoint!;

    /// <summary>Where we receive RTCP: port + 1, or the RTP endpoint when multiplexed.</summary>
    public IPEndPoint LocalRtcpEndPoint => (IPEndPoint)(rtcpSocket ?? rtpSocket).LocalEndPoint!;

    /// <summary>Where we send RTP; null until set or latched.</summary>
    public IPEndPoint? RemoteEndPoint
    {
        get
        {
            lock (gate) return remote;
        }
    }

    /// <summary>Sets where RTP (and RTCP: <paramref name="rtcp"/>, or RTP port + 1, or the RTP endpoint with mux) goes.</summary>
    public void SetRemote(IPEndPoint rtp, IPEndPoint? rtcp = null)
    {
        ArgumentNullException.ThrowIfNull(rtp);
        lock (gate)
        {
            remote = rtp;
            remoteRtcp = rtcp ?? (options.RtcpMux ? rtp : new IPEndPoint(rtp.Address, rtp.Port + 1));
        }
    }

    /// <summary>Starts the receive loops and the RTCP report timer. Idempotent.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref stopped) != 0, this);
        if (Interlocked.Exchange(ref started, 1) != 0) return;
        var token = stopping.Token;
        loops.Add(Task.Run(() => ReceiveLoopAsync(rtpSocket, token), CancellationToken.None));
        if (rtcpSocket is not null) loops.Add(Task.Run(() => ReceiveLoopAsync(rtcpSocket, token), CancellationToken.None));
        if (options.RtcpInterval > TimeSpan.Zero) loops.Add(Task.Run(() => RtcpTimerLoopAsync(token), CancellationToken.None));
        LogStarted(LocalEndPoint, Ssrc);
    }

    /// <summary>
    /// The RTP timestamp for the next <paramref name="samples"/> of media. Within a talkspurt it
    /// continues where the last one ended; after a pause longer than two frames it jumps to the
    /// wall clock, and <c>NewTalkspurt</c> says to set the marker bit (RFC 3551 §4.1).
    /// </summary>
    public (uint Timestamp, bool NewTalkspurt) ReserveTimestamp(int samples)
    {
        if (samples < 0) throw new ArgumentOutOfRangeException(nameof(samples));
        lock (gate)
        {
            uint now = TimestampNow();
            int framesamples = (int)(options.ClockRate * options.FrameInterval.TotalSeconds);
            bool newSpurt = !anyTimestamp || (int)(now - nextTimestamp) > 2 * framesamples;
            uint timestamp = newSpurt ? now : nextTimestamp;
            nextTimestamp = timestamp + (uint)samples;
            anyTimestamp = true;
            return (timestamp, newSpurt);
        }
    }

    /// <summary>Builds a packet from us: our SSRC and the next sequence number.</summary>
    public RtpPacket CreatePacket(int payloadType, ReadOnlyMemory<byte> payload, uint timestamp, bool marker)
    {
        lock (gate)
        {
            return new RtpPacket(payloadType, nextSequence++, timestamp, Ssrc, payload, marker);
        }
    }

    /// <summary>The sequence number the next packet from this session will carry.</summary>
    public ushort NextSequenceNumber
    {
        get
        {
            lock (gate) return nextSequence;
        }
    }

    /// <summary>
    /// Re-labels a packet from another stream as ours (a relay): our SSRC, the caller's sequence
    /// number and timestamp. Our own counters move past it, so packets we create later continue
    /// the same stream without a jump backwards.
    /// </summary>
    /// <param name="source">The packet to relay; its payload, payload type and extension are kept.</param>
    /// <param name="sequenceNumber">Sequence number in our numbering.</param>
    /// <param name="timestamp">Timestamp on our media clock.</param>
    /// <param name="durationSamples">Media length of the payload, to advance our clock past it.</param>
    /// <param name="marker">The marker bit to send.</param>
    /// <param name="payloadType">A different payload type (e.g. after transcoding), or null to keep it.</param>
    /// <param name="payload">A different payload, or null to keep it.</param>
    public RtpPacket Relabel(RtpPacket source, ushort sequenceNumber, uint timestamp, int durationSamples, bool marker, int? payloadType = null, ReadOnlyMemory<byte>? payload = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (gate)
        {
            // Wrap-aware "later than": RFC 3550 sequence and timestamp arithmetic is modulo 2^16 / 2^32.
            if ((short)(sequenceNumber - nextSequence) >= 0) nextSequence = (ushort)(sequenceNumber + 1);
            uint end = timestamp + (uint)durationSamples;
            if (!anyTimestamp || (int)(end - nextTimestamp) > 0) nextTimestamp = end;
            anyTimestamp = true;
        }
        return new RtpPacket(payloadType ?? source.PayloadType, sequenceNumber, timestamp, Ssrc, payload ?? source.Payload,
            marker, source.Csrcs, source.Extension, source.PaddingLength);
    }

    /// <summary>
    /// While true, packets are built and paced as usual (timestamps keep advancing) but not put on
    /// the wire: the call is on hold (SDP sendonly/inactive, RFC 3264 §8.4). RTCP continues.
    /// </summary>
    public bool SendPaused
    {
        get => Volatile.Read(ref sendPaused);
        set => Volatile.Write(ref sendPaused, value);
    }

    /// <summary>Sends one packet to the remote endpoint (nothing while <see cref="SendPaused"/>).</summary>
    public async ValueTask SendPacketAsync(RtpPacket packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref stopped) != 0, this);
        var destination = RemoteEndPoint ?? throw new InvalidOperationException("The RTP session has no remote endpoint; call SetRemote first.");
        if (SendPaused) return;
        await rtpSocket.SendToAsync(packet.ToArray(), SocketFlags.None, destination, cancellationToken);
        lock (gate)
        {
            packetsSent++;
            octetsSent += packet.Payload.Length;
            lastSentTimestamp = packet.Timestamp;
        }
    }

    /// <summary>
    /// Sends audio frames at real pace, one every <see cref="RtpSessionOptions.FrameInterval"/>
    /// (G.711: one byte per sample), the first with the marker bit. Frames follow an absolute
    /// schedule from the first one, so a late wake-up is caught up rather than slowing the
    /// stream, and their timestamps are contiguous whatever the timer did. Returns the number sent.
    /// </summary>
    public async Task<int> SendAudioAsync(IEnumerable<ReadOnlyMemory<byte>> frames, int payloadType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        int sent = 0;
        long start = time.GetTimestamp();
        uint timestamp = 0;
        foreach (var frame in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sent == 0)
            {
                (timestamp, _) = ReserveTimestamp(frame.Length);
            }
            else
            {
                var due = options.FrameInterval * sent - time.GetElapsedTime(start);
                if (due > TimeSpan.Zero) await Task.Delay(due, time, cancellationToken);
                lock (gate) nextTimestamp = timestamp + (uint)frame.Length;
            }
            await SendPacketAsync(CreatePacket(payloadType, frame, timestamp, marker: sent == 0), cancellationToken);
            timestamp += (uint)frame.Length;
            sent++;
        }
        return sent;
    }

    /// <summary>A snapshot of the counters.</summary>
    public RtpSessionStatistics GetStatistics()
    {
        lock (gate)
        {
            RtpReceptionStatistics? source = currentSource is uint id && sources.TryGetValue(id, out var s) ? s : null;
            return new RtpSessionStatistics(packetsSent, octetsSent, packetsReceived, octetsReceived,
                source?.CumulativeLost ?? 0, source?.JitterTime ?? TimeSpan.Zero, invalidPackets,
                rtcpSent, rtcpReceived, remoteReport, roundTripTime);
        }
    }

    /// <summary>Reception statistics of one remote source, or null if it never sent.</summary>
    public RtpReceptionStatistics? GetSourceStatistics(uint ssrc)
    {
        lock (gate) return sources.GetValueOrDefault(ssrc);
    }

    /// <summary>Sends RTCP BYE (when a remote is known), stops the loops and closes the sockets. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0) return;
        try
        {
            if (RemoteEndPoint is not null) await SendRtcpAsync(includeBye: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            LogSendFailed(ex.Message);
        }
        stopping.Cancel();
        rtpSocket.Dispose();
        rtcpSocket?.Dispose();
        await Task.WhenAll(loops);
        stopping.Dispose();
        LogStopped(Ssrc, packetsSent, packetsReceived);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>The media clock now: random base plus elapsed time in clock units.</summary>
    private uint TimestampNow() => timestampBase + (uint)(time.GetElapsedTime(startTicks).TotalSeconds * options.ClockRate);

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken token)
    {
        var buffer = new byte[RtpPacket.MaxPacketLength + 1];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!token.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // ICMP port unreachable from an earlier send surfaces here; the stream goes on.
                if (token.IsCancellationRequested) break;
                LogReceiveError(ex.SocketErrorCode);
                continue;
            }

            var from = (IPEndPoint)result.RemoteEndPoint;
            try
            {
                var datagram = buffer.AsSpan(0, result.ReceivedBytes);
                if (RtpPacket.LooksLikeRtcp(datagram)) HandleRtcp(datagram, from);
                else HandleRtp(datagram, from);
            }
            catch (Exception ex)
            {
                // A bad packet or a failing handler must never end the call's media.
                LogHandlerFailed(ex);
            }
        }
    }

    private void HandleRtp(ReadOnlySpan<byte> datagram, IPEndPoint from)
    {
        var packet = RtpPacket.TryParse(datagram, out var error);
        if (packet is null)
        {
            Interlocked.Increment(ref invalidPackets);
            LogInvalidPacket(from, error);
            return;
        }

        lock (gate)
        {
            if (options.StrictSource && remote is not null && !remote.Address.Equals(from.Address))
            {
                invalidPackets++;
                return;
            }
            if (remote is null)
            {
                remote = from;
                remoteRtcp = options.RtcpMux ? from : new IPEndPoint(from.Address, from.Port + 1);
            }
            if (!sources.TryGetValue(packet.Ssrc, out var stats))
            {
                // Bound the table: a flood of random SSRCs must not grow memory without limit.
                if (sources.Count >= 16) sources.Remove(sources.Keys.First(k => k != currentSource));
                stats = new RtpReceptionStatistics(packet.Ssrc, options.ClockRate);
                sources[packet.Ssrc] = stats;
            }
            currentSource = packet.Ssrc;
            stats.Update(packet.SequenceNumber, packet.Timestamp, packet.Payload.Length, time.GetTimestamp(), time.TimestampFrequency);
            packetsReceived++;
            octetsReceived += packet.Payload.Length;
        }
        PacketReceived?.Invoke(packet, from);
    }

    private static uint RandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}
