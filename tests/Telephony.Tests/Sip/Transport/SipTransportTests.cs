using System.Net;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Tests.Sip.Messages;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Tests.Sip.Transport;

public sealed class SipTransportTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("127.0.0.2"), 5099);

    [Fact]
    public async Task MalformedRequest_Gets400BackToSource()
    {
        var channel = new FakeSipChannel();
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance);
        var handler = new RecordingMessageHandler();
        transport.Start(handler);

        await channel.InjectAsync(SampleMessages.Invite.Replace("Max-Forwards: 70", "Max-Forwards: seventy"), Peer);

        var (remote, data) = Assert.Single(channel.Sent);
        Assert.Equal(Peer, remote);
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(data));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("a84b4c76e66710@pc33.atlanta.example.com", response.CallId);
        Assert.False(handler.Received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task MalformedCSeq_400LeavesTheBrokenHeaderOut()
    {
        var channel = new FakeSipChannel();
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance);
        transport.Start(new RecordingMessageHandler());

        await channel.InjectAsync(SampleMessages.Invite.Replace("CSeq: 314159 INVITE", "CSeq: x INVITE"), Peer);

        var text = System.Text.Encoding.UTF8.GetString(Assert.Single(channel.Sent).Data);
        Assert.StartsWith("SIP/2.0 400 ", text);
        Assert.DoesNotContain("\r\nCSeq:", text);
        Assert.Contains("Call-ID: a84b4c76e66710@pc33.atlanta.example.com", text);
    }

    [Fact]
    public async Task MalformedResponseOrAck_IsDroppedSilently()
    {
        var channel = new FakeSipChannel();
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance);
        var handler = new RecordingMessageHandler();
        transport.Start(handler);

        await channel.InjectAsync(SampleMessages.Response.Replace("CSeq: 1 INVITE", "CSeq: one"), Peer);
        await channel.InjectAsync(SampleMessages.Invite.Replace("INVITE", "ACK").Replace("Call-ID: a84b4c76e66710@pc33.atlanta.example.com", "Call-ID:"), Peer);
        await channel.InjectAsync("\u0001\u0002garbage", Peer);

        Assert.Empty(channel.Sent);
        Assert.False(handler.Received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Request_GetsReceivedAndRportStamped()
    {
        var channel = new FakeSipChannel();
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance);
        var handler = new RecordingMessageHandler();
        transport.Start(handler);

        await channel.InjectAsync(SampleMessages.Invite.Replace(";branch=z9hG4bK776asdhds", ";branch=z9hG4bK776asdhds;rport"), Peer);

        var (message, source) = await handler.NextAsync();
        var via = message.TopVia;
        Assert.Equal("127.0.0.2", via.Parameters["received"]);
        Assert.Equal("5099", via.Parameters["rport"]);
        Assert.Equal(Peer, source.EndPoint);

        var response = SipResponse.For((SipRequest)message, 200);
        var destination = await SipTransport.ResponseDestinationAsync(response, source);
        Assert.Equal(Peer, destination.EndPoint);
    }

    [Fact]
    public async Task ResponseDestination_WithoutRport_UsesReceivedAndSentByPort()
    {
        var response = new SipResponse(200);
        response.Headers.Add("Via", "SIP/2.0/UDP host.invalid:5070;branch=z9hG4bK1;received=127.0.0.3");
        var destination = await SipTransport.ResponseDestinationAsync(response, new SipRemote(SipProtocol.Udp, Peer));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 5070), destination.EndPoint);
    }

    [Fact]
    public async Task Udp_RealSockets_DeliverBothWays()
    {
        await using var a = new SipTransport([new SipUdpChannel(new IPEndPoint(IPAddress.Loopback, 0), NullLogger<SipUdpChannel>.Instance)], NullLogger<SipTransport>.Instance);
        await using var b = new SipTransport([new SipUdpChannel(new IPEndPoint(IPAddress.Loopback, 0), NullLogger<SipUdpChannel>.Instance)], NullLogger<SipTransport>.Instance);
        var handlerA = new RecordingMessageHandler();
        var handlerB = new RecordingMessageHandler();
        a.Start(handlerA);
        b.Start(handlerB);

        var request = (SipRequest)SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.Options));
        await a.SendAsync(request, new SipRemote(SipProtocol.Udp, b.LocalEndPoint(SipProtocol.Udp)));
        var (received, source) = await handlerB.NextAsync();
        Assert.Equal("a84b4c76e66710", received.CallId);
        Assert.Equal(a.LocalEndPoint(SipProtocol.Udp), source.EndPoint);

        await b.SendAsync(SipResponse.For((SipRequest)received, 200), source);
        var (reply, _) = await handlerA.NextAsync();
        Assert.Equal(200, Assert.IsType<SipResponse>(reply).StatusCode);
    }

    [Fact]
    public async Task Tcp_StreamWithoutContentLength_ConnectionDropped()
    {
        var serverChannel = new SipTcpChannel(new IPEndPoint(IPAddress.Loopback, 0), NullLogger<SipTcpChannel>.Instance);
        await using var server = new SipTransport([serverChannel], NullLogger<SipTransport>.Instance);
        var handler = new RecordingMessageHandler();
        server.Start(handler);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.LocalEndPoint(SipProtocol.Tcp));
        var stream = client.GetStream();

        // RFC 3261 §18.3: on a stream the framing depends on Content-Length; without it we hang up.
        await stream.WriteAsync(SampleMessages.Bytes(SampleMessages.Options.Replace("\n", "\r\n")));
        var buffer = new byte[256];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(buffer, cts.Token);

        Assert.Equal(0, read);
        Assert.False(handler.Received.Reader.TryRead(out _));
        for (var i = 0; i < 100 && serverChannel.ConnectionCount > 0; i++) await Task.Delay(10);
        Assert.Equal(0, serverChannel.ConnectionCount);
    }

    [Fact]
    public async Task Tcp_PeerClosedConnection_NextSendReconnects()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = (IPEndPoint)listener.LocalEndpoint;
        await using var channel = new SipTcpChannel(new IPEndPoint(IPAddress.Loopback, 0), NullLogger<SipTcpChannel>.Instance);
        channel.Start(_ => ValueTask.CompletedTask);
        var message = SampleMessages.Bytes(SampleMessages.Invite);

        await channel.SendAsync(server, message);
        using (var first = await listener.AcceptTcpClientAsync())
        {
            await ReadExactlyAsync(first, message.Length);
        }

        // The peer closed it: the channel notices and forgets it, then opens another on the next send.
        for (var i = 0; i < 500 && channel.ConnectionCount > 0; i++) await Task.Delay(10);
        Assert.Equal(0, channel.ConnectionCount);
        await channel.SendAsync(server, message);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var second = await listener.AcceptTcpClientAsync(cts.Token);
        Assert.Equal(message, await ReadExactlyAsync(second, message.Length));
    }

    private static async Task<byte[]> ReadExactlyAsync(System.Net.Sockets.TcpClient client, int length)
    {
        var buffer = new byte[length];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.GetStream().ReadExactlyAsync(buffer, cts.Token);
        return buffer;
    }

    [Fact]
    public async Task Udp_OversizedDatagram_DroppedWithout400()
    {
        var channel = new FakeSipChannel();
        var transport = new SipTransport([channel], NullLogger<SipTransport>.Instance, maxMessageSize: 1024);
        var handler = new RecordingMessageHandler();
        transport.Start(handler);

        var big = SampleMessages.Invite.Replace("v=0\n", new string('a', 2000)).Replace("Content-Length: 4", "Content-Length: 2000");
        await channel.InjectAsync(big, Peer);

        Assert.Empty(channel.Sent);
        Assert.False(handler.Received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Tcp_RealSockets_ResponseReturnsOverSameConnection()
    {
        var serverChannel = new SipTcpChannel(new IPEndPoint(IPAddress.Loopback, 0), NullLogger<SipTcpChannel>.Instance);
        var clientChannel = new SipTcpChannel(new IPEndPoint(IPAddress.Loopback, 0), NullLogger<SipTcpChannel>.Instance);
        await using var server = new SipTransport([serverChannel], NullLogger<SipTransport>.Instance);
        await using var client = new SipTransport([clientChannel], NullLogger<SipTransport>.Instance);
        var serverHandler = new RecordingMessageHandler();
        var clientHandler = new RecordingMessageHandler();
        server.Start(serverHandler);
        client.Start(clientHandler);

        var request = (SipRequest)SipMessageParser.Parse(SampleMessages.Bytes(SampleMessages.Invite));
        var destination = new SipRemote(SipProtocol.Tcp, server.LocalEndPoint(SipProtocol.Tcp));
        await client.SendAsync(request, destination);
        await client.SendAsync(request, destination);

        var (first, source) = await serverHandler.NextAsync();
        var (second, _) = await serverHandler.NextAsync();
        Assert.Equal("v=0\n", first.BodyText);
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(1, serverChannel.ConnectionCount);

        await server.SendAsync(SipResponse.For((SipRequest)first, 180), await SipTransport.ResponseDestinationAsync(SipResponse.For((SipRequest)first, 180), source));
        var (reply, _) = await clientHandler.NextAsync();
        Assert.Equal(180, Assert.IsType<SipResponse>(reply).StatusCode);
        Assert.Equal(1, clientChannel.ConnectionCount);
    }
}
