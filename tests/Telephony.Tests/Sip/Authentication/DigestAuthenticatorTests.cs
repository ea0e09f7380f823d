using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Authentication;

public sealed class DigestAuthenticatorTests
{
    [Fact]
    public void ComputeResponse_Rfc2617Example()
    {
        // RFC 2617 §3.5.
        var response = DigestAuthenticator.ComputeResponse("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void ComputeResponse_Rfc7616Examples(string algorithm, string expected)
    {
        // RFC 7616 §3.9.1.
        var response = DigestAuthenticator.ComputeResponse(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth");
        Assert.Equal(expected, response);
    }

    [Fact]
    public void CreateAuthorization_CarriesEveryField()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"carrier.example\", nonce=\"abc123\", qop=\"auth,auth-int\", opaque=\"op\", algorithm=SHA-256");
        var header = DigestAuthenticator.CreateAuthorization(challenge, new SipCredentials("dialer", "secret"), "INVITE", "sip:+15551234567@carrier.example", default, "cn1");

        Assert.StartsWith("Digest username=\"dialer\", realm=\"carrier.example\", nonce=\"abc123\", uri=\"sip:+15551234567@carrier.example\", response=\"", header);
        Assert.Contains("algorithm=SHA-256", header);
        Assert.Contains("qop=auth, nc=00000001", header);
        Assert.Contains("cnonce=\"cn1\"", header);
        Assert.Contains("opaque=\"op\"", header);
        var expected = DigestAuthenticator.ComputeResponse("SHA-256", "dialer", "carrier.example", "secret", "INVITE", "sip:+15551234567@carrier.example", "abc123", "00000001", "cn1", "auth");
        Assert.Contains($"response=\"{expected}\"", header);
    }

    [Fact]
    public void Choose_PrefersSha256AndSkipsUnknown()
    {
        var md5 = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n1\"");
        var sha = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n2\", algorithm=SHA-256");
        var unknown = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n3\", algorithm=SHA-512-256");
        Assert.Same(sha, DigestAuthenticator.Choose([md5, unknown, sha]));
        Assert.Same(md5, DigestAuthenticator.Choose([unknown, md5]));
        Assert.Null(DigestAuthenticator.Choose([unknown]));
    }

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest realm=\"x\"")]
    [InlineData("Digest realm")]
    [InlineData("Digest nonce=\"unterminated")]
    public void Parse_Invalid_Throws(string header)
    {
        Assert.Throws<SipParseException>(() => DigestChallenge.Parse(header));
    }
}
