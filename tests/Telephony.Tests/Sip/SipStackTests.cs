using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Tests.Sip;

/// <summary>What a stack started with default options listens on, and how its options are checked.</summary>
[Collection(SippCollection.Name)]
public sealed class SipStackTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DefaultOptions_ListenOnTcpOnTheUdpPort()
    {
        await using var stack = SipStack.Start(new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0) }, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance);

        // RFC 3261 §18: every port we listen on for UDP we listen on for TCP too.
        Assert.True(stack.Transport.Supports(SipProtocol.Tcp));
        Assert.Equal(stack.LocalEndPoint(SipProtocol.Udp), stack.LocalEndPoint(SipProtocol.Tcp));
    }

    [Fact]
    public async Task TcpDisabled_OnlyUdp()
    {
        await using var stack = SipStack.Start(new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0), ListenOnTcp = false }, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance);
        Assert.False(stack.Transport.Supports(SipProtocol.Tcp));
    }

    [Fact]
    public async Task Tcp_SplitAndCoalescedRequests_EachAnsweredOnTheSameConnection()
    {
        await using var stack = SipStack.Start(new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0) }, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance);
        using var client = new TcpClient();
        await client.ConnectAsync(stack.LocalEndPoint(SipProtocol.Tcp));
        var stream = client.GetStream();
        var local = (IPEndPoint)client.Client.LocalEndPoint!;

        // Two whole requests in one write (keep-alive CRLFs between), then one cut mid-header and mid-body.
        var first = Encoding.UTF8.GetBytes(Options(1, local) + "\r\n\r\n" + Options(2, local));
        await stream.WriteAsync(first);
        var third = Encoding.UTF8.GetBytes(Options(3, local, body: "0123456789"));
        await stream.WriteAsync(third.AsMemory(0, 40));
        await stream.FlushAsync();
        await Task.Delay(50);
        await stream.WriteAsync(third.AsMemory(40, third.Length - 45));
        await Task.Delay(50);
        await stream.WriteAsync(third.AsMemory(third.Length - 5));

        var framer = new SipStreamFramer();
        var responses = new List<SipResponse>();
        var buffer = new byte[8192];
        using var cts = new CancellationTokenSource(Wait);
        while (responses.Count < 3)
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            Assert.NotEqual(0, read);
            framer.Append(buffer.AsSpan(0, read));
            while (framer.TryReadMessage(out var message)) responses.Add(Assert.IsType<SipResponse>(SipMessageParser.Parse(message, SipParseOptions.Stream)));
        }

        Assert.Equal([1L, 2L, 3L], responses.Select(r => r.CSeq.Number));
        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task SippOverTcp_ToTheDefaultStack_CallAnswered()
    {
        var media = new UdpMediaEndpointFactory();
        await using var stack = SipStack.Start(
            new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0), Timers = SipTestStack.SippTimers },
            media,
            NullLoggerFactory.Instance);
        var calls = new TaskCompletionSource<SipInboundCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.UserAgent.IncomingCall = async call =>
        {
            calls.TrySetResult(call);
            await call.AnswerAsync();
        };

        // The stack was given only a UDP address; sipp dials the same port over TCP.
        await using var sipp = SippProcess.StartBuiltInClient($"127.0.0.1:{stack.LocalEndPoint(SipProtocol.Udp).Port}", "agent7", "-t", "t1");

        var call = await calls.Task.WaitAsync(Wait);
        Assert.Equal("TCP", call.Invite.TopVia.Transport);
        Assert.Equal(CallOutcome.Answered, await call.Ended.WaitAsync(Wait));
        var exit = await sipp.WaitForExitAsync(Wait);
        Assert.True(exit == 0, $"sipp exited with {exit}\n{sipp.Output}");
    }

    [Theory]
    [InlineData(0, 64 * 1024)]
    [InlineData(100, 100)]
    public void InvalidOptions_RefusedAtStart(int maxServerTransactions, int maxMessageSize)
    {
        var options = new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0), MaxServerTransactions = maxServerTransactions, MaxMessageSize = maxMessageSize };
        Assert.Throws<ArgumentException>(() => SipStack.Start(options, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance));
    }

    [Fact]
    public void NegativeUdpReceiveBuffer_RefusedAtStart()
    {
        var options = new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0), UdpReceiveBufferSize = -1 };
        Assert.Throws<ArgumentException>(() => SipStack.Start(options, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance));
    }

    [Fact]
    public void NoAddressAtAll_RefusedAtStart()
    {
        var options = new SipStackOptions { Udp = null, Tcp = null };
        Assert.Throws<ArgumentException>(() => SipStack.Start(options, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance));
    }

    [Fact]
    public void NegativeRetryAfter_RefusedAtStart()
    {
        var options = new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0), OverloadRetryAfter = TimeSpan.FromSeconds(-1) };
        Assert.Throws<ArgumentException>(() => SipStack.Start(options, new UdpMediaEndpointFactory(), NullLoggerFactory.Instance));
    }

    private static string Options(int cseq, IPEndPoint local, string body = "") =>
        "OPTIONS sip:dialer@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/TCP 127.0.0.1:{local.Port};branch=z9hG4bKtcp{cseq}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:probe@127.0.0.1>;tag=p1\r\n" +
        "To: <sip:dialer@127.0.0.1>\r\n" +
        "Call-ID: tcp-framing@127.0.0.1\r\n" +
        $"CSeq: {cseq} OPTIONS\r\n" +
        (body.Length > 0 ? "Content-Type: text/plain\r\n" : "") +
        $"Content-Length: {body.Length}\r\n" +
        "\r\n" + body;
}
