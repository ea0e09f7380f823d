using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>A channel that records what was sent and lets a test inject what arrives.</summary>
public sealed class FakeSipChannel(SipProtocol protocol = SipProtocol.Udp, IPEndPoint? local = null) : ISipChannel
{
    private Func<SipChannelPacket, ValueTask>? onReceived;

    public SipProtocol Protocol { get; } = protocol;

    public IPEndPoint LocalEndPoint { get; } = local ?? new IPEndPoint(IPAddress.Loopback, 5060);

    public ConcurrentQueue<(IPEndPoint Remote, byte[] Data)> Sent { get; } = new();

    public IReadOnlyList<SipMessage> SentMessages => Sent.Select(s => SipMessageParser.Parse(s.Data)).ToList();

    public IReadOnlyList<SipResponse> SentResponses => SentMessages.OfType<SipResponse>().ToList();

    public IReadOnlyList<SipRequest> SentRequests => SentMessages.OfType<SipRequest>().ToList();

    public void Start(Func<SipChannelPacket, ValueTask> onReceived) => this.onReceived = onReceived;

    public ValueTask SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((remote, data.ToArray()));
        return ValueTask.CompletedTask;
    }

    public ValueTask InjectAsync(string text, IPEndPoint from) => InjectAsync(Encoding.UTF8.GetBytes(text), from);

    public ValueTask InjectAsync(SipMessage message, IPEndPoint from) => InjectAsync(message.ToBytes(), from);

    public ValueTask InjectAsync(byte[] data, IPEndPoint from) =>
        (onReceived ?? throw new InvalidOperationException("Not started."))(new SipChannelPacket(Protocol, from, data));

    public void Clear() => Sent.Clear();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
