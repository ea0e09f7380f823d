using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Messages;

public sealed class SipMessageParserTests
{
    [Fact]
    public void Parse_Invite_ReadsStartLineHeadersAndBody()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.Invite)));

        Assert.Equal("INVITE", request.Method);
        Assert.Equal("bob", request.RequestUri.User);
        Assert.Equal("biloxi.example.com", request.RequestUri.Host);
        Assert.Equal("z9hG4bK776asdhds", request.TopVia.Branch);
        Assert.Equal("Alice, A.", request.From.DisplayName);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Null(request.To.Tag);
        Assert.Equal(new SipCSeq(314159, "INVITE"), request.CSeq);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal("v=0\n", request.BodyText);
    }

    [Fact]
    public void Parse_CompactNamesFoldingAndCommaJoinedVias_Normalises()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.CompactAndFolded)));

        var vias = request.Vias;
        Assert.Equal(3, vias.Count);
        Assert.Equal("UDP", vias[0].Transport);
        Assert.Equal(5070, vias[0].Port);
        Assert.True(vias[0].Parameters.Contains("rport"));
        Assert.Equal("TCP", vias[1].Transport);
        Assert.Null(vias[1].Port);
        Assert.Equal("[2001:db8::1]", vias[2].Host);
        Assert.Equal("192.0.2.1", vias[2].Parameters["received"]);
        Assert.Equal("Al \"ice\"", request.To.DisplayName);
        Assert.Equal("abc", request.To.Tag);
        Assert.Equal("xyz", request.From.Tag);
        Assert.Equal("12345@10.0.0.2", request.CallId);
        Assert.Equal(2, request.Headers.GetAll("Contact").Count);
        Assert.Equal("60", request.Contact!.Parameters["expires"]);
        Assert.Equal("timer", request.Headers.Get("Supported"));
        Assert.Equal("hello", request.Headers.Get("subject"));
        Assert.Equal("one continued", request.Headers.Get("x-custom"));
        Assert.Equal("udp", request.RequestUri.Transport);
    }

    [Fact]
    public void Parse_Response_ReadsStatusAndRecordRoutes()
    {
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.Response)));

        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        var routes = response.RecordRoutes;
        Assert.Equal(2, routes.Count);
        Assert.True(routes[0].Uri.IsLooseRouter);
        Assert.Equal("p2.example.com", routes[1].Uri.Host);
        Assert.Equal("+15559870000", response.To.Uri.User);
    }

    [Fact]
    public void Parse_BareLineFeeds_Accepted()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.Options)));
        Assert.Equal("OPTIONS", request.Method);
        Assert.Equal("application/sdp", request.Headers.Get("accept"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n")]
    [InlineData("INVITE sip:a@b SIP/3.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n")]
    [InlineData("INVITE http://a SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 BYE\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 99999999999 INVITE\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 10\r\n\r\nshort")]
    [InlineData("SIP/2.0 99 Odd\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n")]
    [InlineData(" continuation\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n\tfolded first\r\n\r\n")]
    public void Parse_Malformed_ThrowsSipParseException(string text)
    {
        Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(text)));
    }

    [Fact]
    public void Parse_MissingContentLengthOnStream_Throws()
    {
        var text = SampleMessages.Options;
        Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(text), SipParseOptions.Stream));
        Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(text), SipParseOptions.Datagram));
    }

    [Fact]
    public void Parse_OverSizeCap_Throws()
    {
        var big = SampleMessages.Invite.Replace("v=0\n", new string('a', 2000)).Replace("Content-Length: 4", "Content-Length: 2000");
        Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(big)));
        var ex = Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(big), new SipParseOptions { MaxMessageSize = 1000 }));
        Assert.Contains("exceeds", ex.Message);
    }

    [Fact]
    public void Parse_BadHeaderInValidFrame_KeepsPartialForA400()
    {
        var text = SampleMessages.Invite.Replace("CSeq: 314159 INVITE", "CSeq: banana");
        var ex = Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(text)));
        Assert.NotNull(ex.Partial);
        Assert.True(ex.Partial!.IsRequest);
        Assert.Equal("INVITE", ex.Partial.Method);
        Assert.Contains(ex.Partial.Headers, h => h.Name == "Via");
    }

    [Fact]
    public void Parse_BodyLongerThanContentLength_Truncates()
    {
        var text = SampleMessages.Invite + "EXTRA";
        var message = SipMessageParser.Parse(SampleMessages.Bytes(text));
        Assert.Equal("v=0\n", message.BodyText);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        foreach (var sample in SampleMessages.All)
        {
            var first = SipMessageParser.Parse(SampleMessages.Bytes(sample)).ToBytes();
            var second = SipMessageParser.Parse(first).ToBytes();
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void Write_HeaderWithLineBreak_Refused()
    {
        var request = new SipRequest("OPTIONS", SipUri.Parse("sip:a@b"));
        request.Headers.Add("Subject", "x\r\nInjected: yes");
        Assert.Throws<InvalidOperationException>(() => request.ToBytes());
    }
}
