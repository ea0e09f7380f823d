using System.Net;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>
/// Moves bytes for one transport on one local address. Channels know nothing about SIP beyond
/// stream framing; parsing and routing live in <see cref="SipTransport"/>.
/// </summary>
public interface ISipChannel : IAsyncDisposable
{
    SipProtocol Protocol { get; }

    /// <summary>The bound address; valid after <see cref="Start"/> (port 0 becomes the real port).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Starts receiving. <paramref name="onReceived"/> is called once per framed message.</summary>
    void Start(Func<SipChannelPacket, ValueTask> onReceived);

    /// <summary>Sends one message's bytes (on TCP, over an existing or a new connection).</summary>
    ValueTask SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
