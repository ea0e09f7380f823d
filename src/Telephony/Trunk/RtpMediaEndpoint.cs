using System.Net;
using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Rtp.Dtmf;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Telephony.Trunk;

/// <summary>
/// The media of one SIP call as an <see cref="RtpMediaSession"/>: signalling's
/// <see cref="IMediaEndpoint"/> over our own RTP. Receiving starts when the endpoint is created,
/// so nothing the far end sends right after its answer is missed (AMD needs the first syllable).
/// </summary>
public sealed class RtpMediaEndpoint : IMediaEndpoint
{
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="callId">The application call id, for logs.</param>
    /// <param name="session">A bound session; the endpoint owns it from here on.</param>
    /// <param name="codecs">What we offer or accept, in preference order.</param>
    public RtpMediaEndpoint(string callId, RtpMediaSession session, IReadOnlyList<SdpCodec> codecs)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(codecs);
        CallId = callId;
        Session = session;
        Codecs = codecs;
    }

    /// <summary>G.711 µ-law first (what US trunks answer with), A-law, and RFC 4733 DTMF.</summary>
    public static IReadOnlyList<SdpCodec> DefaultCodecs { get; } = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent];

    public string CallId { get; }

    /// <summary>The media session underneath: audio events, playback, AMD, bridging.</summary>
    public RtpMediaSession Session { get; }

    public IPEndPoint LocalRtpEndPoint => Session.LocalEndPoint;

    public IReadOnlyList<SdpCodec> Codecs { get; }

    /// <summary>Completes when signalling stops the media (the call ended).</summary>
    public Task Stopped => stopped.Task;

    public ValueTask ApplyAsync(NegotiatedMedia media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        // RFC 3264 §8.4: a 0.0.0.0 connection address means hold; keep the last real address so a
        // resume without a new address still works, and only pause sending.
        if (!media.RemoteRtp.Address.Equals(IPAddress.Any))
        {
            var events = media.TelephoneEventPayloadType is >= 96 and <= 127 ? media.TelephoneEventPayloadType.Value : TelephoneEvent.DefaultPayloadType;
            Session.SetRemote(media.RemoteRtp, media.Codec.PayloadType, events);
        }
        Session.SendPaused = media.IsSendingPaused;
        return ValueTask.CompletedTask;
    }

    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        stopped.TrySetResult();
        await Session.StopAsync();
    }

    public ValueTask DisposeAsync() => StopAsync();
}
