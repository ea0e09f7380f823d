using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Tests.Integration.Support;
using ContactCenter.Telephony.Trunk;

namespace ContactCenter.Telephony.Tests.Integration;

public sealed class RtpMediaEndpointTests
{
    [Fact]
    public async Task Factory_WalksTheRange_AndSkipsATakenPair()
    {
        // A private range high up; hold the first pair so the factory must step over it.
        var min = 40000 + Environment.ProcessId % 1000 * 10;
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, min));
        var factory = new RtpMediaEndpointFactory(new RtpPortRange(IPAddress.Loopback, min, min + 5));

        await using var first = await factory.CreateAsync("a");
        await using var second = await factory.CreateAsync("b");
        Assert.Equal(min + 2, first.LocalRtpEndPoint.Port);
        Assert.Equal(min + 4, second.LocalRtpEndPoint.Port);
        Assert.Equal(2, factory.ActiveEndpoints);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await factory.CreateAsync("c"));
        await first.StopAsync();
        await Eventually.TrueAsync(() => factory.ActiveEndpoints == 1, "the stopped endpoint to be released", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Apply_SetsRemoteAndCodec_HoldPausesButKeepsTheAddress()
    {
        var factory = new RtpMediaEndpointFactory(RtpPortRange.LoopbackAnyPort);
        await using var endpoint = (RtpMediaEndpoint)await factory.CreateAsync("call");
        var remote = new IPEndPoint(IPAddress.Loopback, 40998);

        await endpoint.ApplyAsync(new NegotiatedMedia(remote, SdpCodec.Pcma, 96, SdpDirection.SendRecv));
        Assert.Equal(remote, endpoint.Session.RemoteEndPoint);
        Assert.Equal(8, endpoint.Session.AudioPayloadType);
        Assert.Equal(96, endpoint.Session.DtmfPayloadType);
        Assert.False(endpoint.Session.SendPaused);

        await endpoint.ApplyAsync(new NegotiatedMedia(new IPEndPoint(IPAddress.Any, 40998), SdpCodec.Pcma, 96, SdpDirection.SendRecv));
        Assert.True(endpoint.Session.SendPaused);
        Assert.Equal(remote, endpoint.Session.RemoteEndPoint);

        await endpoint.ApplyAsync(new NegotiatedMedia(remote, SdpCodec.Pcmu, null, SdpDirection.SendRecv));
        Assert.False(endpoint.Session.SendPaused);
        Assert.Equal(101, endpoint.Session.DtmfPayloadType);
        Assert.False(endpoint.Stopped.IsCompleted);
        await endpoint.StopAsync();
        Assert.True(endpoint.Stopped.IsCompleted);
    }
}
