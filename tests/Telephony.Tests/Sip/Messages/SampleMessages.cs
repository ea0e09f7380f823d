using System.Text;

namespace ContactCenter.Telephony.Tests.Sip.Messages;

/// <summary>Valid messages in several styles, used by the parser tests and as fuzz seeds.</summary>
internal static class SampleMessages
{
    public const string Invite =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "From: \"Alice, A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@pc33.atlanta.example.com>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "v=0\n";

    public const string CompactAndFolded =
        "BYE sip:alice@10.0.0.1:5060;transport=udp SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKa1;rport, SIP/2.0/TCP proxy.example.com;branch=z9hG4bKb2\r\n" +
        "VIA: SIP / 2.0 / UDP [2001:db8::1]:5080;branch=z9hG4bKc3;received=192.0.2.1\r\n" +
        "f: sip:bob@example.com;tag=xyz\r\n" +
        "t: \"Al \\\"ice\\\"\" <sip:alice@example.com>\r\n" +
        "  ;tag=abc\r\n" +
        "i: 12345@10.0.0.2\r\n" +
        "cseq: 2 BYE\r\n" +
        "m: <sip:bob@10.0.0.2:5070>;expires=60, sip:bob2@10.0.0.3\r\n" +
        "k: timer\r\n" +
        "s: hello\r\n" +
        "X-Custom: one\r\n" +
        "\tcontinued\r\n" +
        "l: 0\r\n" +
        "\r\n";

    public const string Response =
        "SIP/2.0 180 Ringing\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK74bf9;received=127.0.0.1;rport=5060\r\n" +
        "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n" +
        "From: <sip:+15551230000@127.0.0.1>;tag=9fxced76sl\r\n" +
        "To: <sip:+15559870000@127.0.0.1>;tag=8321234356\r\n" +
        "Call-ID: 3848276298220188511@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:bob@127.0.0.1:5080>\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public const string Options =
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\n" +
        "Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\n" +
        "Max-Forwards: 70\n" +
        "To: <tel:+1-312-555-0000;phone-context=chicago.example.com>\n" +
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n" +
        "Call-ID: a84b4c76e66710\n" +
        "CSeq: 63104 OPTIONS\n" +
        "Accept: application/sdp\n" +
        "\n";

    public static readonly string[] All = [Invite, CompactAndFolded, Response, Options];

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
