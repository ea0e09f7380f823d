using System.Net;
using ContactCenter.Telephony.Sdp;

namespace ContactCenter.Telephony.Tests.Sdp;

public sealed class SdpOfferAnswerTests
{
    private static readonly IPEndPoint Caller = new(IPAddress.Parse("127.0.0.1"), 40000);
    private static readonly IPEndPoint Callee = new(IPAddress.Parse("127.0.0.2"), 50000);

    [Fact]
    public void Offer_ListsCodecsTelephoneEventAndPort()
    {
        var offer = SdpOfferAnswer.CreateOffer(Caller, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent], 1, 1);
        var text = offer.ToString();
        Assert.Contains("m=audio 40000 RTP/AVP 0 8 101\r\n", text);
        Assert.Contains("a=rtpmap:101 telephone-event/8000\r\n", text);
        Assert.Contains("a=fmtp:101 0-16\r\n", text);
        Assert.Contains("c=IN IP4 127.0.0.1\r\n", text);
    }

    [Fact]
    public void Answer_PicksOffererPreferenceAmongSupported()
    {
        var offer = SdpOfferAnswer.CreateOffer(Caller, [SdpCodec.Pcma, SdpCodec.Pcmu, SdpCodec.TelephoneEvent], 1, 1);
        var (answer, media) = SdpOfferAnswer.CreateAnswer(SdpSession.Parse(offer.ToString()), Callee, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent], 2, 1);

        Assert.Equal(SdpCodec.Pcma, media.Codec);
        Assert.Equal(101, media.TelephoneEventPayloadType);
        Assert.Equal(Caller, media.RemoteRtp);
        Assert.Equal(50000, answer.Audio!.Port);

        var callerView = SdpOfferAnswer.ReadAnswer(offer, SdpSession.Parse(answer.ToString()));
        Assert.Equal(SdpCodec.Pcma, callerView.Codec);
        Assert.Equal(Callee, callerView.RemoteRtp);
        Assert.Equal(SdpDirection.SendRecv, callerView.Direction);
    }

    [Fact]
    public void Answer_DynamicTelephoneEventType_KeepsOfferersNumber()
    {
        var offer = SdpSession.Parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 telephone-event/8000\r\n");
        var (answer, media) = SdpOfferAnswer.CreateAnswer(offer, Callee, [SdpCodec.Pcmu, SdpCodec.TelephoneEvent], 2, 1);
        Assert.Equal(96, media.TelephoneEventPayloadType);
        Assert.Equal(["0", "96"], answer.Audio!.Formats);
    }

    [Fact]
    public void Answer_HoldOffer_AnswersRecvOnlyAndRejectsVideo()
    {
        var offer = SdpOfferAnswer.CreateOffer(Caller, [SdpCodec.Pcmu], 1, 2, SdpDirection.SendOnly);
        offer.Media.Add(new SdpMedia("video", 40002, "RTP/AVP", ["96"]));
        var (answer, media) = SdpOfferAnswer.CreateAnswer(offer, Callee, [SdpCodec.Pcmu], 2, 2);

        Assert.Equal(SdpDirection.RecvOnly, media.Direction);
        Assert.True(media.IsSendingPaused);
        Assert.Equal(SdpDirection.RecvOnly, answer.Audio!.Direction);
        Assert.Equal(0, answer.Media[1].Port);
    }

    [Fact]
    public void Answer_NoCommonCodec_Throws()
    {
        var offer = SdpOfferAnswer.CreateOffer(Caller, [SdpCodec.Pcma], 1, 1);
        Assert.Throws<SdpNegotiationException>(() => SdpOfferAnswer.CreateAnswer(offer, Callee, [SdpCodec.Pcmu], 2, 1));
    }

    [Fact]
    public void ReadAnswer_RejectedAudio_Throws()
    {
        var offer = SdpOfferAnswer.CreateOffer(Caller, [SdpCodec.Pcmu], 1, 1);
        var answer = SdpSession.Parse("v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");
        Assert.Throws<SdpNegotiationException>(() => SdpOfferAnswer.ReadAnswer(offer, answer));
    }
}
