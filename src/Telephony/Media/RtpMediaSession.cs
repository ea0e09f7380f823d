using System.Net;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Dtmf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Media;

/// <summary>
/// <see cref="IMediaSession"/> over our own <see cref="RtpSession"/>: G.711 audio through a
/// <see cref="JitterBuffer"/> (lost packets become silent frames so recordings keep their timing),
/// RFC 4733 DTMF both ways, and paced playback of clips.
/// </summary>
public sealed partial class RtpMediaSession : IMediaSession
{
    // A gap longer than this is a pause or a restart, not loss worth filling with silence.
    private const int MaxConcealedFrames = 25;

    private readonly RtpSession rtp;
    private readonly JitterBuffer jitter;
    private readonly DtmfReceiver dtmfReceiver;
    private readonly SemaphoreSlim playLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock receiveGate = new();
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private int audioPayloadType;
    private int dtmfPayloadType = TelephoneEvent.DefaultPayloadType;
    private long framesPlayed;
    private long framesReceived;
    private long framesConcealed;
    private long dtmfReceived;
    private long ignoredPackets;
    private int stopped;

    /// <summary>Binds a new RTP session (loopback, free even port by default).</summary>
    public RtpMediaSession(RtpSessionOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        time = timeProvider ?? TimeProvider.System;
        logger = loggerFactory.CreateLogger<RtpMediaSession>();
        rtp = new RtpSession(options, time, loggerFactory.CreateLogger<RtpSession>());
        jitter = new JitterBuffer(capacity: 50, reorderDepth: 3);
        dtmfReceiver = new DtmfReceiver(dtmfPayloadType, rtp.ClockRate);
        dtmfReceiver.EventReceived += OnDtmf;
        rtp.PacketReceived += OnPacket;
    }

    /// <inheritdoc />
    public event Action<AudioFrame>? AudioReceived;

    /// <inheritdoc />
    public event Action<DtmfEvent>? DtmfReceived;

    /// <summary>The transport underneath (for bridging and RTCP details).</summary>
    public RtpSession Rtp => rtp;

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint => rtp.LocalEndPoint;

    /// <inheritdoc />
    public IPEndPoint? RemoteEndPoint => rtp.RemoteEndPoint;

    /// <inheritdoc />
    public int AudioPayloadType => Volatile.Read(ref audioPayloadType);

    /// <inheritdoc />
    public int DtmfPayloadType => Volatile.Read(ref dtmfPayloadType);

    /// <summary>The G.711 law of the negotiated payload type.</summary>
    public G711Law Law => AudioPayloadType == 8 ? G711Law.ALaw : G711Law.MuLaw;

    /// <inheritdoc />
    public void SetRemote(IPEndPoint remote, int payloadType, int dtmfPayloadType = TelephoneEvent.DefaultPayloadType)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (G711.LawOfPayloadType(payloadType) is null) throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "Only G.711: payload type 0 (PCMU) or 8 (PCMA).");
        if (dtmfPayloadType is < 96 or > 127) throw new ArgumentOutOfRangeException(nameof(dtmfPayloadType), dtmfPayloadType, "telephone-event uses a dynamic payload type (96–127).");
        Volatile.Write(ref audioPayloadType, payloadType);
        Volatile.Write(ref this.dtmfPayloadType, dtmfPayloadType);
        lock (receiveGate) dtmfReceiver.PayloadType = dtmfPayloadType;
        rtp.SetRemote(remote);
    }

    /// <inheritdoc />
    public bool SendPaused
    {
        get => rtp.SendPaused;
        set => rtp.SendPaused = value;
    }

    /// <inheritdoc />
    public void Start() => rtp.Start();

    /// <inheritdoc />
    public async Task PlayAsync(AudioClip audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        // One clip at a time: two interleaved prompts would garble both.
        await playLock.WaitAsync(linked.Token);
        try
        {
            var frames = AudioFrames.Split(audio, Law).Select(f =>
            {
                Interlocked.Increment(ref framesPlayed);
                return f;
            });
            int sent = await rtp.SendAudioAsync(frames, AudioPayloadType, linked.Token);
            LogPlayed(sent, rtp.LocalEndPoint);
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref stopped) != 0)
        {
            // The session stopped under the playback: that is a cancellation, not a bug.
            throw new OperationCanceledException("The media session stopped during playback.");
        }
        finally
        {
            playLock.Release();
        }
    }

    /// <summary>Plays an audio file (WAV or raw G.711, see <see cref="AudioFiles.Load"/>).</summary>
    public Task PlayFileAsync(string path, CancellationToken cancellationToken = default) => PlayAsync(AudioFiles.Load(path), cancellationToken);

    /// <inheritdoc />
    public Task SendDtmfAsync(char digit, TimeSpan duration, CancellationToken cancellationToken = default) =>
        new DtmfSender(rtp, DtmfPayloadType, time).SendDigitAsync(digit, duration, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public MediaSessionStatistics GetStatistics()
    {
        lock (receiveGate)
        {
            return new MediaSessionStatistics(rtp.GetStatistics(), Interlocked.Read(ref framesPlayed), framesReceived, framesConcealed,
                jitter.Late, jitter.Duplicates, dtmfReceived, ignoredPackets);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0) return;
        stopping.Cancel();
        await rtp.StopAsync();
        lock (receiveGate)
        {
            foreach (var (packet, lost) in jitter.Flush()) Deliver(packet, lost);
            dtmfReceiver.Flush();
        }
    }

    /// <inheritdoc />
    /// <remarks>The semaphore and token source are left to the GC: a playback may still be unwinding through them.</remarks>
    public async ValueTask DisposeAsync() => await StopAsync();

    private void OnPacket(RtpPacket packet, IPEndPoint from)
    {
        lock (receiveGate)
        {
            if (dtmfReceiver.Process(packet)) return;
            if (G711.LawOfPayloadType(packet.PayloadType) is null)
            {
                // Comfort noise (13) and anything not offered are not audio we can decode.
                ignoredPackets++;
                return;
            }
            jitter.Push(packet);
            while (jitter.TryPop(out var next, out int lost)) Deliver(next!, lost);
        }
    }

    private void Deliver(RtpPacket packet, int lostBefore)
    {
        var law = G711.LawOfPayloadType(packet.PayloadType)!.Value;
        if (lostBefore is > 0 and <= MaxConcealedFrames)
        {
            int samples = packet.Payload.Length;
            for (int i = lostBefore; i >= 1; i--)
            {
                framesConcealed++;
                Raise(new AudioFrame(new short[samples], packet.Timestamp - (uint)(i * samples), (ushort)(packet.SequenceNumber - i), Concealed: true));
            }
        }
        Raise(new AudioFrame(G711.Decode(law, packet.Payload.Span), packet.Timestamp, packet.SequenceNumber, Concealed: false));
    }

    private void Raise(AudioFrame frame)
    {
        framesReceived++;
        try
        {
            AudioReceived?.Invoke(frame);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex);
        }
    }

    private void OnDtmf(DtmfEvent dtmf)
    {
        dtmfReceived++;
        try
        {
            DtmfReceived?.Invoke(dtmf);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Played {Frames} frames from {LocalEndPoint}")]
    private partial void LogPlayed(int frames, IPEndPoint localEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A media event handler failed")]
    private partial void LogHandlerFailed(Exception exception);
}
