using System.Net;
using System.Text;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>
/// Mutated traffic through the whole stack (transport, transactions, UA core, inbound calls):
/// nothing may fail with an unexpected exception, which the layers would log as an error.
/// </summary>
public sealed class StackFuzzTests
{
    private const string Offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    private static readonly string[] Seeds =
    [
        Message("INVITE", "", Offer),
        Message("CANCEL", "", ""),
        Message("ACK", ";tag=x1", ""),
        Message("BYE", ";tag=x1", ""),
        Message("OPTIONS", "", ""),
        Message("INVITE", ";tag=x1", Offer),
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKfuzz\r\nFrom: <sip:a@127.0.0.1>;tag=f1\r\nTo: <sip:b@127.0.0.9>;tag=t1\r\nCall-ID: fuzz\r\nCSeq: 1 INVITE\r\nContact: <sip:b@127.0.0.9>\r\nContent-Length: 0\r\n\r\n",
    ];

    [Fact]
    public async Task MutatedTraffic_NeverLogsAnError()
    {
        var logs = new RecordingLoggerFactory();
        ILoggerFactory factory = logs;
        var channel = new FakeSipChannel();
        var transport = new SipTransport([channel], factory.CreateLogger<SipTransport>());
        var layer = new SipTransactionLayer(transport, new FakeTimeProvider(), SipTimerOptions.Default, factory.CreateLogger<SipTransactionLayer>());
        var userAgent = new SipUserAgent(layer, new UdpMediaEndpointFactory(), new SipUserAgentOptions(), factory.CreateLogger<SipUserAgent>());
        var handled = 0;
        userAgent.IncomingCall = async call =>
        {
            await call.RingAsync();
            await call.AnswerAsync();
            Interlocked.Increment(ref handled);
        };
        userAgent.Start();
        var random = new Random(3261);
        var peer = new IPEndPoint(IPAddress.Parse("127.0.0.9"), 5080);

        for (var i = 0; i < 5_000; i++)
        {
            var seed = Seeds[random.Next(Seeds.Length)].Replace("z9hG4bKfuzz", $"z9hG4bK{random.Next(50)}").Replace("Call-ID: fuzz", $"Call-ID: fuzz{random.Next(50)}");
            var bytes = Encoding.UTF8.GetBytes(seed);
            for (var r = random.Next(0, 3); r > 0; r--) bytes[random.Next(bytes.Length)] = (byte)":;<>@ =,0123456789\r\n"[random.Next(20)];
            await channel.InjectAsync(bytes, peer);
        }

        // Inbound-call handlers run on the thread pool; give the last ones time to finish.
        for (var i = 0; i < 100 && handled == 0; i++) await Task.Delay(10);
        await Task.Delay(200);
        Assert.True(handled > 0, "no INVITE reached the inbound-call handler");
        Assert.True(logs.Errors.IsEmpty, string.Join("\n---\n", logs.Errors));
    }

    private static string Message(string method, string toTag, string body) =>
        $"{method} sip:dialer@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.9:5080;branch=z9hG4bKfuzz;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:+15550001111@127.0.0.9>;tag=x1\r\n" +
        $"To: <sip:dialer@127.0.0.1>{toTag}\r\n" +
        "Call-ID: fuzz\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Contact: <sip:caller@127.0.0.9:5080>\r\n" +
        (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") +
        $"Content-Length: {body.Length}\r\n\r\n{body}";
}
