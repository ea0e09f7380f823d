using System.Net;
using ContactCenter.Telephony.Sdp;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// The media side of one call as signalling sees it. Signalling asks for the local RTP address and
/// codecs to put in SDP, then tells the endpoint what offer/answer settled, again on every
/// re-negotiation (early media, hold, resume), and finally stops it.
/// </summary>
public interface IMediaEndpoint : IAsyncDisposable
{
    /// <summary>The local RTP address and port that go into our SDP (c= and m= lines).</summary>
    IPEndPoint LocalRtpEndPoint { get; }

    /// <summary>The codecs we offer or accept, in preference order; telephone-event included if DTMF is wanted.</summary>
    IReadOnlyList<SdpCodec> Codecs { get; }

    /// <summary>
    /// Applies a negotiation result: where to send RTP, which codec, and the direction. Called for
    /// early media (183 with SDP), on answer, and on each later re-INVITE.
    /// </summary>
    ValueTask ApplyAsync(NegotiatedMedia media, CancellationToken cancellationToken = default);

    /// <summary>Stops sending and receiving; the call has ended.</summary>
    ValueTask StopAsync(CancellationToken cancellationToken = default);
}
