using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Messages;

/// <summary>
/// Valid but unusual messages in the spirit of RFC 4475 §3.1.1 ("wsinv", "esc" and friends):
/// our own messages, each stressing one liberty the grammar allows.
/// </summary>
public sealed class TortureParsingTests
{
    // LWS before ';' everywhere the grammar allows it, tabs and folding included.
    private const string WhitespaceEverywhere =
        "INVITE sip:agent.7@dialer.example.net SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.40:5062 ;branch=z9hG4bKws1 ;rport\r\n" +
        "Max-Forwards:\t42\r\n" +
        "From: sip:caller@carrier.example.org ;tag=ws-from\r\n" +
        "To  : \"Queue 7\" <sip:agent.7@dialer.example.net>   ; tag=ws-to\r\n" +
        "Contact: <sip:caller@192.0.2.40:5062> ;expires = 60\r\n" +
        "  ;q=0.5\r\n" +
        "Call-ID: ws-call-1@192.0.2.40\r\n" +
        "CSeq: 9\t INVITE\r\n" +
        "Content-Type: application/sdp ; charset=utf-8\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    [Fact]
    public void Parse_WhitespaceBeforeSemicolons_ReadsEveryParameter()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(WhitespaceEverywhere)));

        Assert.Equal("z9hG4bKws1", request.TopVia.Branch);
        Assert.True(request.TopVia.Parameters.Contains("rport"));
        Assert.Equal(5062, request.TopVia.Port);
        Assert.Equal("ws-from", request.From.Tag);
        Assert.Equal("caller", request.From.Uri.User);
        Assert.Equal("ws-to", request.To.Tag);
        Assert.Equal("Queue 7", request.To.DisplayName);
        Assert.Equal("60", request.Contact!.Parameters["expires"]);
        Assert.Equal("0.5", request.Contact.Parameters["q"]);
        Assert.Equal(new SipCSeq(9, "INVITE"), request.CSeq);
        Assert.Equal(42, request.MaxForwards);
    }

    [Theory]
    [InlineData("sip:caller@carrier.example.org ;tag=a", "caller", "a")]
    [InlineData("sip:caller@carrier.example.org\t;tag=b", "caller", "b")]
    [InlineData("sip:caller@carrier.example.org:5070  ;  tag = c", "caller", "c")]
    [InlineData("<sip:caller@carrier.example.org> \t ;tag=d", "caller", "d")]
    public void Address_AddrSpecOrNameAddrWithWhitespaceBeforeParameters_Parses(string text, string user, string tag)
    {
        var address = SipAddress.Parse(text);

        Assert.Equal(user, address.Uri.User);
        Assert.Equal(tag, address.Tag);
        Assert.Empty(address.Uri.Parameters);
    }

    [Theory]
    [InlineData("sip:call er@carrier.example.org;tag=a")]
    [InlineData("sip:caller@carrier.example.org x;tag=a")]
    public void Address_WhitespaceInsideAnAddrSpec_StillRejected(string text) =>
        Assert.Throws<SipParseException>(() => SipAddress.Parse(text));

    [Theory]
    [InlineData("\"Agent \\\"Ace\\\" 7\" <sip:a7@dialer.example.net>", "Agent \"Ace\" 7")]
    [InlineData("\"C:\\\\Dialer\\\\Queue\" <sip:q@dialer.example.net>", "C:\\Dialer\\Queue")]
    [InlineData("\"ends in backslash \\\\\" <sip:q@dialer.example.net>", "ends in backslash \\")]
    [InlineData("\"<not the uri>, \\\"really\\\"\" <sip:q@dialer.example.net>;tag=1", "<not the uri>, \"really\"")]
    [InlineData("\"\\q\\u\\o\\t\\e\\d\" <sip:q@dialer.example.net>", "quoted")]
    public void DisplayName_EscapedQuotesAndBackslashes_Unescaped(string text, string expected)
    {
        var address = SipAddress.Parse(text);

        Assert.Equal(expected, address.DisplayName);
        Assert.Equal("dialer.example.net", address.Uri.Host);
        // Writing it back escapes again, so the round trip is lossless.
        Assert.Equal(expected, SipAddress.Parse(address.ToString()).DisplayName);
    }

    [Fact]
    public void Parse_EscapedDisplayNamesInAMessage_SurviveCommaSplitting()
    {
        var text =
            "OPTIONS sip:dialer.example.net SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP 198.51.100.7;branch=z9hG4bKesc1\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"Supervisor \\\\ \\\"Night, Shift\\\"\" <sip:sup@dialer.example.net>;tag=esc\r\n" +
            "To: <sip:dialer.example.net>\r\n" +
            "Contact: \"A, \\\"B\\\"\" <sip:a@198.51.100.7>, \"C\" <sip:c@198.51.100.8> ;expires=30\r\n" +
            "Call-ID: esc-1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(text)));

        Assert.Equal("Supervisor \\ \"Night, Shift\"", request.From.DisplayName);
        var contacts = request.Headers.GetAll("Contact").Select(SipAddress.Parse).ToList();
        Assert.Equal(2, contacts.Count);
        Assert.Equal("A, \"B\"", contacts[0].DisplayName);
        Assert.Equal("30", contacts[1].Parameters["expires"]);
    }

    [Fact]
    public void Parse_EscapedUserPartAndUtf8DisplayName_KeptAsSent()
    {
        var text =
            "INVITE sip:sips%3Aagent%40queue.example.net@dialer.example.net SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKesc2\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"Zo\u00eb \\\"the closer\\\" M\u00fcller\" <sip:%61gent%00x@carrier.example.org>;tag=esc2\r\n" +
            "To: <sip:sips%3Aagent%40queue.example.net@dialer.example.net>\r\n" +
            "Contact: <sip:caller@192.0.2.9>\r\n" +
            "Call-ID: esc-2\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(text)));

        // Escapes stay escaped: the user part is compared and forwarded as sent (RFC 3261 §19.1.4).
        Assert.Equal("sips%3Aagent%40queue.example.net", request.RequestUri.User);
        Assert.Equal("dialer.example.net", request.RequestUri.Host);
        Assert.Equal("%61gent%00x", request.From.Uri.User);
        Assert.Equal("Zo\u00eb \"the closer\" M\u00fcller", request.From.DisplayName);
    }

    [Theory]
    [InlineData("To")]
    [InlineData("From")]
    [InlineData("Call-ID")]
    [InlineData("CSeq")]
    [InlineData("Max-Forwards")]
    public void Parse_DuplicatedSingletonHeader_Rejected(string name)
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.Invite)));
        var duplicate = SampleMessages.Invite.Replace("Content-Type:", $"{name}: {request.Headers.Get(name)}\r\nContent-Type:");

        var error = Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(duplicate)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("SIP/7.0", 505)]
    [InlineData("SIP/2.1", 505)]
    [InlineData("SIP/2", 400)]
    [InlineData("HTTP/1.1", 400)]
    public void Parse_RequestLineVersion_GivesTheStatusToAnswer(string version, int status)
    {
        var text = SampleMessages.Invite.Replace("sip:bob@biloxi.example.com SIP/2.0", "sip:bob@biloxi.example.com " + version);

        var error = Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(text)));

        Assert.Equal(status, error.StatusCode);
        Assert.NotNull(error.Partial);
    }

    [Theory]
    [InlineData("http://dialer.example.net/call", 416)]
    [InlineData("im:agent7@dialer.example.net", 416)]
    [InlineData("x-unheard-of.scheme+1:opaque-stuff", 416)]
    [InlineData("9nonscheme:opaque", 400)]
    [InlineData("no-colon-at-all", 400)]
    public void Parse_RequestUriScheme_GivesTheStatusToAnswer(string uri, int status)
    {
        var text = SampleMessages.Invite.Replace("INVITE sip:bob@biloxi.example.com", "INVITE " + uri);

        var error = Assert.Throws<SipParseException>(() => SipMessageParser.Parse(SampleMessages.Bytes(text)));

        Assert.Equal(status, error.StatusCode);
    }

    [Theory]
    [InlineData("sips:bob@biloxi.example.com")]
    [InlineData("tel:+1-555-010-0000")]
    [InlineData("SIP:bob@biloxi.example.com")]
    public void Parse_SchemesWeUnderstand_Accepted(string uri)
    {
        var text = SampleMessages.Invite.Replace("INVITE sip:bob@biloxi.example.com", "INVITE " + uri);
        Assert.IsType<SipRequest>(SipMessageParser.Parse(SampleMessages.Bytes(text)));
    }
}
