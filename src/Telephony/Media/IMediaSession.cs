using System.Net;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Rtp.Dtmf;

namespace ContactCenter.Telephony.Media;

/// <summary>
/// The media half of one call leg, as signalling sees it: a local RTP endpoint to put in SDP,
/// the remote endpoint and codec learnt from the answer, audio to play and audio/DTMF received.
/// Audio is G.711 at 8 kHz (PCMU or PCMA); DTMF is RFC 4733 telephone-event.
/// </summary>
public interface IMediaSession : IAsyncDisposable
{
    /// <summary>Where we receive RTP: the address and port for our SDP <c>c=</c>/<c>m=</c> lines.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Where we send RTP, once known (set, or latched from the first packet received).</summary>
    IPEndPoint? RemoteEndPoint { get; }

    /// <summary>The negotiated audio payload type: 0 (PCMU) or 8 (PCMA).</summary>
    int AudioPayloadType { get; }

    /// <summary>The negotiated telephone-event payload type (default 101).</summary>
    int DtmfPayloadType { get; }

    /// <summary>
    /// Applies the SDP answer: the remote RTP endpoint, the audio payload type (0 or 8) and the
    /// telephone-event payload type. May be called again on a re-INVITE.
    /// </summary>
    void SetRemote(IPEndPoint remote, int payloadType, int dtmfPayloadType = 101);

    /// <summary>
    /// True while the call is on hold from our side or the peer's (SDP sendonly/inactive or a
    /// 0.0.0.0 address): playback keeps its pace but nothing is sent.
    /// </summary>
    bool SendPaused { get; set; }

    /// <summary>Starts receiving (and RTCP reports). Idempotent.</summary>
    void Start();

    /// <summary>Stops playback and reception, delivers buffered audio and closes the sockets. Idempotent.</summary>
    Task StopAsync();

    /// <summary>Plays audio into the call in 20 ms frames at real pace; completes when it has been sent.</summary>
    Task PlayAsync(AudioClip audio, CancellationToken cancellationToken = default);

    /// <summary>Sends one DTMF digit as RFC 4733 events.</summary>
    Task SendDtmfAsync(char digit, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Raised for each received audio frame, in sequence order, on the receive thread.</summary>
    event Action<AudioFrame>? AudioReceived;

    /// <summary>Raised once per received DTMF event.</summary>
    event Action<DtmfEvent>? DtmfReceived;

    /// <summary>A snapshot of the counters.</summary>
    MediaSessionStatistics GetStatistics();
}
