using System.Net;

namespace ContactCenter.Telephony.Sdp;

/// <summary>The offer/answer model of RFC 3264 for one audio stream of G.711 plus RFC 4733 events.</summary>
public static class SdpOfferAnswer
{
    /// <summary>Builds an offer for our RTP address with codecs in preference order (RFC 3264 §5).</summary>
    public static SdpSession CreateOffer(IPEndPoint localRtp, IReadOnlyList<SdpCodec> codecs, ulong sessionId, ulong version, SdpDirection direction = SdpDirection.SendRecv)
    {
        if (codecs.Count == 0 || codecs.All(c => c.IsTelephoneEvent)) throw new ArgumentException("At least one voice codec is required.", nameof(codecs));
        var connection = SdpConnection.For(localRtp.Address);
        var session = new SdpSession(new SdpOrigin("-", sessionId, version, connection), "contact-center") { Connection = connection };
        var audio = new SdpMedia("audio", localRtp.Port, "RTP/AVP", []);
        foreach (var codec in codecs) audio.AddCodec(codec);
        audio.Attributes.Add(new SdpAttribute("ptime", "20"));
        audio.Direction = direction;
        session.Media.Add(audio);
        return session;
    }

    /// <summary>
    /// Answers an offer (RFC 3264 §6): the first offered voice codec we support, telephone-event on
    /// the offerer's payload type if offered, the mirrored direction, and every other stream
    /// rejected with port zero. Returns the answer and what was negotiated.
    /// </summary>
    /// <exception cref="SdpNegotiationException">No audio stream or no common voice codec.</exception>
    public static (SdpSession Answer, NegotiatedMedia Media) CreateAnswer(SdpSession offer, IPEndPoint localRtp, IReadOnlyList<SdpCodec> supported, ulong sessionId, ulong version)
    {
        var offeredAudio = offer.Audio ?? throw new SdpNegotiationException("The offer has no active audio stream.");
        var offeredCodecs = offeredAudio.Codecs();
        var voice = offeredCodecs.FirstOrDefault(o => !o.IsTelephoneEvent && supported.Any(s => s.SameFormat(o)))
            ?? throw new SdpNegotiationException("No common voice codec.");
        var events = supported.Any(s => s.IsTelephoneEvent) ? offeredCodecs.FirstOrDefault(o => o.IsTelephoneEvent) : null;

        var connection = SdpConnection.For(localRtp.Address);
        var answer = new SdpSession(new SdpOrigin("-", sessionId, version, connection), "contact-center") { Connection = connection };
        foreach (var media in offer.Media)
        {
            if (!ReferenceEquals(media, offeredAudio))
            {
                answer.Media.Add(new SdpMedia(media.Media, 0, media.Protocol, media.Formats.Take(1)));
                continue;
            }
            var audio = new SdpMedia("audio", localRtp.Port, media.Protocol, []);
            audio.AddCodec(voice);
            if (events is not null) audio.AddCodec(events);
            audio.Attributes.Add(new SdpAttribute("ptime", "20"));
            var ours = Mirror(offer.DirectionOf(media));
            audio.Direction = ours;
            answer.Media.Add(audio);
        }

        var remote = RemoteEndPoint(offer, offeredAudio);
        return (answer, new NegotiatedMedia(remote, voice, events?.PayloadType, Mirror(offer.DirectionOf(offeredAudio))));
    }

    /// <summary>Reads an answer to our offer: where to send, with which codec (RFC 3264 §7).</summary>
    /// <exception cref="SdpNegotiationException">The answer rejected audio or picked a codec we did not offer.</exception>
    public static NegotiatedMedia ReadAnswer(SdpSession offer, SdpSession answer)
    {
        var audio = answer.Audio ?? throw new SdpNegotiationException("The answer rejected the audio stream.");
        var ourCodecs = offer.Audio?.Codecs() ?? [];
        var answered = audio.Codecs();
        var voice = answered.FirstOrDefault(a => !a.IsTelephoneEvent && ourCodecs.Any(o => o.SameFormat(a)))
            ?? throw new SdpNegotiationException("The answer has no codec from the offer.");
        var events = answered.FirstOrDefault(a => a.IsTelephoneEvent);
        // Our direction is the mirror of what the answerer declared for itself.
        return new NegotiatedMedia(RemoteEndPoint(answer, audio), voice, events?.PayloadType, Mirror(answer.DirectionOf(audio)));
    }

    /// <summary>Their sendonly is our recvonly and so on (RFC 3264 §6.1).</summary>
    public static SdpDirection Mirror(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        var d => d,
    };

    private static IPEndPoint RemoteEndPoint(SdpSession session, SdpMedia media)
    {
        var connection = session.ConnectionFor(media) ?? throw new SdpNegotiationException("No connection address for the audio stream.");
        var address = connection.IPAddress ?? throw new SdpNegotiationException($"Connection address '{connection.Address}' is not an IP address.");
        return new IPEndPoint(address, media.Port);
    }
}
