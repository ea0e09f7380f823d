using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>RFC 3261 §8.2.3: an INVITE body we cannot read gets 415 naming what we accept.</summary>
public sealed class UnsupportedBodyTests
{
    private readonly FakeSipChannel channel = new();
    private readonly SipUserAgent userAgent;
    private int offered;

    public UnsupportedBodyTests()
    {
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance);
        var layer = new SipTransactionLayer(transport, new FakeTimeProvider(), SipTimerOptions.Default, NullLogger<SipTransactionLayer>.Instance);
        userAgent = new SipUserAgent(layer, new UdpMediaEndpointFactory(), new SipUserAgentOptions(), NullLogger<SipUserAgent>.Instance)
        {
            IncomingCall = call =>
            {
                Interlocked.Increment(ref offered);
                return call.RejectAsync(SipStatus.BusyHere);
            },
        };
        userAgent.Start();
    }

    [Theory]
    [InlineData("application/xml", "<call/>")]
    [InlineData("text/plain", "hello")]
    [InlineData("multipart/mixed;boundary=x", "--x--")]
    public async Task Invite_WithForeignBodyType_Gets415WithAccept(string contentType, string body)
    {
        var invite = Invite();
        invite.SetBody(contentType, body);

        await channel.InjectAsync(invite, TransactionHarness.Peer);

        var final = channel.SentResponses.Last();
        Assert.Equal(415, final.StatusCode);
        Assert.Equal("Unsupported Media Type", final.ReasonPhrase);
        Assert.Equal("application/sdp", final.Headers.Get("Accept"));
        Assert.NotNull(final.To.Tag);
        Assert.Equal(0, offered);
    }

    [Fact]
    public async Task Invite_WithUnknownContentEncoding_Gets415WithAcceptEncoding()
    {
        var invite = Invite();
        invite.SetBody("application/sdp", "v=0\r\n");
        invite.Headers.Add("Content-Encoding", "x-squeeze");

        await channel.InjectAsync(invite, TransactionHarness.Peer);

        var final = channel.SentResponses.Last();
        Assert.Equal(415, final.StatusCode);
        Assert.Equal("identity", final.Headers.Get("Accept-Encoding"));
        Assert.Equal(0, offered);
    }

    [Theory]
    [InlineData("application/sdp")]
    [InlineData("Application/SDP ; charset=utf-8")]
    public async Task Invite_WithSdpBody_ReachesTheCallHandler(string contentType)
    {
        var invite = Invite();
        invite.SetBody(contentType, "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n");

        await channel.InjectAsync(invite, TransactionHarness.Peer);

        for (var i = 0; i < 200 && channel.SentResponses.Count < 2; i++) await Task.Delay(10);
        Assert.Equal(1, offered);
        Assert.Equal(486, channel.SentResponses.Last().StatusCode);
    }

    [Fact]
    public async Task Invite_WithContentTypeButNoBody_IsNotRefused()
    {
        var invite = Invite();
        invite.Headers.Add("Content-Type", "application/xml");

        await channel.InjectAsync(invite, TransactionHarness.Peer);

        for (var i = 0; i < 200 && channel.SentResponses.Count < 2; i++) await Task.Delay(10);
        Assert.Equal(1, offered);
    }

    private static SipRequest Invite()
    {
        var invite = TransactionHarness.NewRequest("INVITE");
        invite.Headers.Add("Contact", "<sip:caller@127.0.0.9:5080>");
        return invite;
    }
}
