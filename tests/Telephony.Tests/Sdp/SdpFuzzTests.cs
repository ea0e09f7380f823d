using System.Net;
using ContactCenter.Telephony.Sdp;

namespace ContactCenter.Telephony.Tests.Sdp;

/// <summary>Mutated SDP must parse or raise <see cref="SdpParseException"/>; what parses must negotiate or raise <see cref="SdpNegotiationException"/>.</summary>
public sealed class SdpFuzzTests
{
    private const string Seed =
        "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n" +
        "m=video 4002 RTP/AVP 96\r\nc=IN IP6 ::1\r\na=rtpmap:96 H264/90000\r\n";

    [Fact]
    public void ParseAndAnswer_MutatedInput_OnlyTypedErrors()
    {
        var random = new Random(4566);
        var local = new IPEndPoint(IPAddress.Loopback, 5000);
        SdpCodec[] supported = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent];
        var answered = 0;
        for (var i = 0; i < 30_000; i++)
        {
            var chars = Seed.ToCharArray().ToList();
            for (var r = random.Next(1, 4); r > 0 && chars.Count > 0; r--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(4))
                {
                    case 0: chars[at] = " =/:0123456789\r\nabcmovst-"[random.Next(25)]; break;
                    case 1: chars.RemoveRange(at, Math.Min(random.Next(1, 20), chars.Count - at)); break;
                    case 2: chars.InsertRange(at, chars.GetRange(at, Math.Min(random.Next(1, 30), chars.Count - at))); break;
                    default: chars[at] = (char)random.Next(0, 0x250); break;
                }
            }
            var text = new string([.. chars]);
            SdpSession offer;
            try
            {
                offer = SdpSession.Parse(text);
            }
            catch (SdpParseException)
            {
                continue;
            }
            Assert.Equal(offer.ToString(), SdpSession.Parse(offer.ToString()).ToString());
            try
            {
                var (answer, _) = SdpOfferAnswer.CreateAnswer(offer, local, supported, 1, 1);
                SdpOfferAnswer.ReadAnswer(offer, SdpSession.Parse(answer.ToString()));
                answered++;
            }
            catch (SdpNegotiationException)
            {
            }
        }
        Assert.True(answered > 1000, $"only {answered} offers were answerable");
    }
}
