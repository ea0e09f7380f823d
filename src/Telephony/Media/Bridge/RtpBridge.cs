using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Media.Bridge;

/// <summary>
/// Connects a customer leg and an agent leg by relaying RTP both ways. Each direction is
/// rewritten by an <see cref="RtpStreamRewriter"/> so every phone sees one continuous stream
/// from its own session, G.711 is transcoded when the legs negotiated different laws, and
/// telephone events are mapped to the other leg's payload type. Other payload types are dropped.
/// </summary>
public sealed partial class RtpBridge : IDisposable
{
    private readonly RtpBridgeLeg customer;
    private readonly RtpBridgeLeg agent;
    private readonly RtpStreamRewriter toAgent;
    private readonly RtpStreamRewriter toCustomer;
    private readonly Lock gate = new();
    private readonly ILogger logger;
    private long customerToAgent;
    private long agentToCustomer;
    private long dropped;
    private bool running;

    /// <summary>Creates the bridge; call <see cref="Start"/> to begin relaying.</summary>
    public RtpBridge(RtpBridgeLeg customer, RtpBridgeLeg agent, ILogger<RtpBridge>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(agent);
        if (ReferenceEquals(customer.Session, agent.Session)) throw new ArgumentException("A bridge needs two different sessions.", nameof(agent));
        foreach (var leg in new[] { customer, agent })
        {
            if (G711.LawOfPayloadType(leg.AudioPayloadType) is null) throw new ArgumentException($"Audio payload type {leg.AudioPayloadType} is not G.711 (0 or 8).", nameof(customer));
        }
        this.customer = customer;
        this.agent = agent;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        toAgent = new RtpStreamRewriter(agent.Session);
        toCustomer = new RtpStreamRewriter(customer.Session);
    }

    /// <summary>Packets relayed from the customer to the agent.</summary>
    public long CustomerToAgentPackets => Interlocked.Read(ref customerToAgent);

    /// <summary>Packets relayed from the agent to the customer.</summary>
    public long AgentToCustomerPackets => Interlocked.Read(ref agentToCustomer);

    /// <summary>Packets not relayed (unknown payload type, or the send failed).</summary>
    public long DroppedPackets => Interlocked.Read(ref dropped);

    /// <summary>Starts relaying. Idempotent.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (running) return;
            running = true;
        }
        customer.Session.PacketReceived += OnCustomerPacket;
        agent.Session.PacketReceived += OnAgentPacket;
    }

    /// <summary>Stops relaying; the sessions stay open.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (!running) return;
            running = false;
        }
        customer.Session.PacketReceived -= OnCustomerPacket;
        agent.Session.PacketReceived -= OnAgentPacket;
    }

    private void OnCustomerPacket(RtpPacket packet, IPEndPoint from) => Relay(packet, customer, agent, toAgent, ref customerToAgent);

    private void OnAgentPacket(RtpPacket packet, IPEndPoint from) => Relay(packet, agent, customer, toCustomer, ref agentToCustomer);

    private void Relay(RtpPacket packet, RtpBridgeLeg from, RtpBridgeLeg to, RtpStreamRewriter rewriter, ref long counter)
    {
        int payloadType;
        ReadOnlyMemory<byte> payload = packet.Payload;
        int duration;
        if (packet.PayloadType == from.DtmfPayloadType)
        {
            payloadType = to.DtmfPayloadType;
            duration = 0; // all packets of an event share its start timestamp (RFC 4733 §2.5.1.1)
        }
        else if (G711.LawOfPayloadType(packet.PayloadType) is G711Law inLaw)
        {
            var outLaw = G711.LawOfPayloadType(to.AudioPayloadType)!.Value;
            payloadType = to.AudioPayloadType;
            if (inLaw != outLaw)
            {
                var converted = new byte[payload.Length];
                G711.Transcode(inLaw, outLaw, payload.Span, converted);
                payload = converted;
            }
            duration = payload.Length;
        }
        else
        {
            Interlocked.Increment(ref dropped);
            return;
        }

        RtpPacket outgoing;
        lock (rewriter) outgoing = rewriter.Rewrite(packet, payloadType, payload, duration);
        if (to.Session.RemoteEndPoint is null)
        {
            Interlocked.Increment(ref dropped);
            return;
        }
        Interlocked.Increment(ref counter);
        var send = to.Session.SendPacketAsync(outgoing);
        if (!send.IsCompletedSuccessfully) _ = ObserveAsync(send);
    }

    private async Task ObserveAsync(ValueTask send)
    {
        try
        {
            await send;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Interlocked.Increment(ref dropped);
            LogRelayFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bridge relay failed: {Reason}")]
    private partial void LogRelayFailed(string reason);
}
