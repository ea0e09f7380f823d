using System.Net;
using ContactCenter.Telephony.Sdp;

namespace ContactCenter.Telephony.Tests.Sdp;

public sealed class SdpSessionTests
{
    // The offer sipp's built-in uac scenario sends, plus a video stream and a b= line.
    private const string SippOffer =
        "v=0\r\n" +
        "o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 6000 RTP/AVP 0\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "m=video 6002 RTP/AVP 96\r\n" +
        "b=AS:256\r\n" +
        "a=rtpmap:96 H264/90000\r\n";

    [Fact]
    public void Parse_ReadsConnectionPortAndCodecs()
    {
        var sdp = SdpSession.Parse(SippOffer);
        Assert.Equal(53655765UL, sdp.Origin.SessionId);
        var audio = Assert.IsType<SdpMedia>(sdp.Audio);
        Assert.Equal(6000, audio.Port);
        Assert.Equal(IPAddress.Loopback, sdp.ConnectionFor(audio)!.IPAddress);
        Assert.Equal([SdpCodec.Pcmu], audio.Codecs());
        Assert.Equal(SdpDirection.SendRecv, sdp.DirectionOf(audio));
        Assert.Equal(2, sdp.Media.Count);
    }

    [Fact]
    public void ToString_RoundTrips()
    {
        var text = SdpSession.Parse(SippOffer).ToString();
        Assert.Equal(SippOffer, text);
        Assert.Equal(text, SdpSession.Parse(text).ToString());
    }

    [Fact]
    public void Parse_StaticPayloadTypesWithoutRtpmap_AreKnown()
    {
        var sdp = SdpSession.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=x\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 8 0 18\n");
        Assert.Equal([SdpCodec.Pcma, SdpCodec.Pcmu], sdp.Audio!.Codecs());
    }

    [Theory]
    [InlineData("")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 h\r\ns=-\r\n")]
    [InlineData("v=0\r\no=- x 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=audio 70000 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=audio 1\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nnot a line\r\n")]
    [InlineData("v=0\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4\r\n")]
    public void Parse_Malformed_ThrowsSdpParseException(string text)
    {
        Assert.Throws<SdpParseException>(() => SdpSession.Parse(text));
    }
}
