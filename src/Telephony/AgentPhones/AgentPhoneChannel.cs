using ContactCenter.Telephony.Media.Bridge;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.AgentPhones;

/// <summary>One agent's long-lived phone leg and the customer currently relayed into it.</summary>
public sealed class AgentPhoneChannel
{
    private readonly Lock gate = new();
    private readonly ILogger<RtpBridge>? bridgeLogger;
    private RtpBridge? bridge;
    private string? customerCallId;

    internal AgentPhoneChannel(string agentId, string sipUri, SipOutboundCall leg, RtpMediaEndpoint media, ILogger<RtpBridge>? bridgeLogger)
    {
        AgentId = agentId;
        SipUri = sipUri;
        Leg = leg;
        Media = media;
        this.bridgeLogger = bridgeLogger;
    }

    public string AgentId { get; }

    public string SipUri { get; }

    /// <summary>Our call to the agent's phone.</summary>
    public SipOutboundCall Leg { get; }

    public RtpMediaEndpoint Media { get; }

    public bool IsUp => Leg.State == SipCallState.Established;

    /// <summary>The bridge to the current customer, or null between calls.</summary>
    public RtpBridge? CurrentBridge
    {
        get { lock (gate) return bridge; }
    }

    /// <summary>The id of the customer call currently bridged, or null.</summary>
    public string? CurrentCustomerCallId
    {
        get { lock (gate) return customerCallId; }
    }

    /// <summary>
    /// Relays RTP between <paramref name="customer"/> and this leg, replacing any previous customer.
    /// The relay ends by itself when the customer's media stops; the agent leg stays up.
    /// </summary>
    internal RtpBridge Attach(string callId, RtpMediaEndpoint customer)
    {
        var customerLeg = new RtpBridgeLeg(customer.Session.Rtp, customer.Session.AudioPayloadType, customer.Session.DtmfPayloadType);
        var agentLeg = new RtpBridgeLeg(Media.Session.Rtp, Media.Session.AudioPayloadType, Media.Session.DtmfPayloadType);
        var created = new RtpBridge(customerLeg, agentLeg, bridgeLogger);
        lock (gate)
        {
            bridge?.Dispose();
            bridge = created;
            customerCallId = callId;
            created.Start();
        }
        _ = customer.Stopped.ContinueWith(_ => Detach(created), TaskScheduler.Default);
        return created;
    }

    /// <summary>Stops relaying <paramref name="which"/> if it is still the current bridge.</summary>
    internal void Detach(RtpBridge which)
    {
        lock (gate)
        {
            which.Dispose();
            if (!ReferenceEquals(bridge, which)) return;
            bridge = null;
            customerCallId = null;
        }
    }

    internal void DetachAll()
    {
        lock (gate)
        {
            bridge?.Dispose();
            bridge = null;
            customerCallId = null;
        }
    }
}
