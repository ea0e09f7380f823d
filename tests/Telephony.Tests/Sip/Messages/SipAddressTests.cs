using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Messages;

public sealed class SipAddressTests
{
    [Theory]
    [InlineData("sip:alice@atlanta.com;tag=88sja8x", null, "alice", "88sja8x")]
    [InlineData("\"Alice\" <sip:alice@atlanta.com;transport=tcp>;tag=1", "Alice", "alice", "1")]
    [InlineData("Bob Smith <sip:+15551234567@10.0.0.1:5062>", "Bob Smith", "+15551234567", null)]
    [InlineData("<sips:carol@[2001:db8::5]:5061>", null, "carol", null)]
    public void Parse_NameAddrAndAddrSpec(string text, string? display, string user, string? tag)
    {
        var address = SipAddress.Parse(text);
        Assert.Equal(display, address.DisplayName);
        Assert.Equal(user, address.Uri.User);
        Assert.Equal(tag, address.Tag);
    }

    [Fact]
    public void Parse_AddrSpecParams_BelongToHeaderNotUri()
    {
        // RFC 3261 §20.10: without angle brackets the parameters are header parameters.
        var address = SipAddress.Parse("sip:alice@atlanta.com;tag=abc");
        Assert.Equal("abc", address.Tag);
        Assert.Equal(0, address.Uri.Parameters.Count);
    }

    [Fact]
    public void Parse_UriParamsInsideBrackets_StayOnUri()
    {
        var address = SipAddress.Parse("<sip:p1.example.com;lr>;foo=bar");
        Assert.True(address.Uri.IsLooseRouter);
        Assert.Equal("bar", address.Parameters["foo"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<sip:a@b")]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("<sip:a@b>;tag=1;tag=2")]
    [InlineData("<sip:a@b> junk")]
    [InlineData("<sip:a@b:99999>")]
    [InlineData("<sip:a@b;=x>")]
    [InlineData("<mailto:a@b>")]
    [InlineData("<http://a@b>")]
    public void Parse_Invalid_Throws(string text)
    {
        Assert.Throws<SipParseException>(() => SipAddress.Parse(text));
    }

    [Fact]
    public void Parse_TelUri_KeepsNumberAndParameters()
    {
        var address = SipAddress.Parse("\"Carrier\" <tel:+1-555-123-4567;phone-context=example.com>;tag=t9");
        Assert.True(address.Uri.IsTel);
        Assert.Equal("+1-555-123-4567", address.Uri.User);
        Assert.Equal("example.com", address.Uri.Parameters["phone-context"]);
        Assert.Equal("t9", address.Tag);
        Assert.Equal("\"Carrier\" <tel:+1-555-123-4567;phone-context=example.com>;tag=t9", address.ToString());
    }

    [Theory]
    [InlineData("<tel:>")]
    [InlineData("<tel:+>")]
    [InlineData("<tel:12 34>")]
    [InlineData("<tel:+1555@host>")]
    public void Parse_InvalidTelUri_Throws(string text)
    {
        Assert.Throws<SipParseException>(() => SipAddress.Parse(text));
    }

    [Fact]
    public void ToString_QuotesDisplayNameAndKeepsTag()
    {
        var address = new SipAddress(new SipUri("example.com", "+15550001111"), "Acme \"Sales\"").WithTag("t1");
        var text = address.ToString();
        Assert.Equal("\"Acme \\\"Sales\\\"\" <sip:+15550001111@example.com>;tag=t1", text);
        Assert.Equal("Acme \"Sales\"", SipAddress.Parse(text).DisplayName);
    }
}
