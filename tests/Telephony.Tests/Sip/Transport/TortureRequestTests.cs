using System.Net;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Tests.Sip.Messages;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Tests.Sip.Transport;

/// <summary>
/// Invalid requests in the spirit of RFC 4475 §3.3: each is answered with the status the RFC
/// asks for when a response can be routed, and dropped otherwise, never reaching the layer above.
/// </summary>
public sealed class TortureRequestTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("127.0.0.2"), 5099);

    private readonly FakeSipChannel channel = new();
    private readonly RecordingMessageHandler handler = new();

    public TortureRequestTests()
    {
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance);
        transport.Start(handler);
    }

    [Fact]
    public async Task FutureSipVersion_Gets505()
    {
        await channel.InjectAsync(SampleMessages.Invite.Replace("biloxi.example.com SIP/2.0", "biloxi.example.com SIP/7.0"), Peer);

        var response = SingleResponse();
        Assert.Equal(505, response.StatusCode);
        Assert.Equal("Version Not Supported", response.ReasonPhrase);
        Assert.Equal("z9hG4bK776asdhds", response.TopVia.Branch);
        Assert.Equal(new SipCSeq(314159, "INVITE"), response.CSeq);
        AssertNothingDelivered();
    }

    [Theory]
    [InlineData("http://biloxi.example.com/bob")]
    [InlineData("nobody-knows-this:opaque.content")]
    public async Task UnknownRequestUriScheme_Gets416(string uri)
    {
        await channel.InjectAsync(SampleMessages.Invite.Replace("INVITE sip:bob@biloxi.example.com", "INVITE " + uri), Peer);

        var response = SingleResponse();
        Assert.Equal(416, response.StatusCode);
        Assert.Equal("Unsupported URI Scheme", response.ReasonPhrase);
        Assert.Equal("a84b4c76e66710@pc33.atlanta.example.com", response.CallId);
        AssertNothingDelivered();
    }

    [Theory]
    [InlineData("To", "To: <sip:carol@chicago.example.com>")]
    [InlineData("From", "From: <sip:mallory@evil.example.com>;tag=2")]
    [InlineData("Call-ID", "Call-ID: second-call-id")]
    [InlineData("CSeq", "CSeq: 1 INVITE")]
    [InlineData("Max-Forwards", "Max-Forwards: 69")]
    public async Task DuplicatedSingletonHeader_Gets400EchoingOnlyTheFirst(string name, string extra)
    {
        await channel.InjectAsync(SampleMessages.Invite.Replace("Content-Type:", extra + "\r\nContent-Type:"), Peer);

        var response = SingleResponse();
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(name, response.ReasonPhrase);
        // Our 400 must itself be well formed: one From, To, Call-ID and CSeq.
        Assert.Single(response.Headers.GetAll("From"));
        Assert.Single(response.Headers.GetAll("To"));
        Assert.Single(response.Headers.GetAll("Call-ID"));
        Assert.Single(response.Headers.GetAll("CSeq"));
        Assert.Equal("a84b4c76e66710@pc33.atlanta.example.com", response.CallId);
        AssertNothingDelivered();
    }

    [Fact]
    public async Task BrokenLowerVia_Gets400RoutedByTheTopOne()
    {
        var text = SampleMessages.Invite.Replace(
            "Max-Forwards: 70",
            "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKlower;;=\r\nMax-Forwards: 70");

        await channel.InjectAsync(text, Peer);

        var (remote, data) = Assert.Single(channel.Sent);
        Assert.Equal(Peer, remote);
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(data));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("z9hG4bK776asdhds", Assert.Single(response.Vias).Branch);
        AssertNothingDelivered();
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds", "Via: SIP/2.0/UDP ;branch=z9hG4bK776asdhds")]
    [InlineData("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds", "Via: SIP/3.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds")]
    [InlineData("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds", "Via: pc33.atlanta.example.com")]
    [InlineData("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n", "")]
    public async Task UnroutableTopVia_DroppedWithoutAResponse(string via, string replacement)
    {
        await channel.InjectAsync(SampleMessages.Invite.Replace(via, replacement), Peer);

        Assert.Empty(channel.Sent);
        AssertNothingDelivered();
    }

    [Fact]
    public async Task ManyTortureMessages_ReceiveLoopKeepsServing()
    {
        var bad = new[]
        {
            SampleMessages.Invite.Replace("SIP/2.0\r\n", "SIP/7.0\r\n"),
            SampleMessages.Invite.Replace("INVITE sip:", "INVITE http:"),
            SampleMessages.Invite.Replace("CSeq: 314159 INVITE", "CSeq: 314159 INVITE\r\nCSeq: 314160 INVITE"),
            SampleMessages.Invite.Replace("Via: SIP/2.0/UDP", "Via: SIP/2.0/ UDP /"),
            "INVITE  SIP/2.0\r\n\r\n",
            "\r\n\r\n",
            new string('\u00ff', 10),
        };
        foreach (var text in bad) await channel.InjectAsync(text, Peer);

        await channel.InjectAsync(SampleMessages.Invite, Peer);

        var (message, _) = await handler.NextAsync();
        Assert.Equal("INVITE", Assert.IsType<SipRequest>(message).Method);
    }

    private SipResponse SingleResponse()
    {
        var (remote, data) = Assert.Single(channel.Sent);
        Assert.Equal(Peer, remote);
        return Assert.IsType<SipResponse>(SipMessageParser.Parse(data));
    }

    private void AssertNothingDelivered() => Assert.False(handler.Received.Reader.TryRead(out _));
}
