using ContactCenter.Telephony.Media.Bridge;
using ContactCenter.Telephony.Sip.UserAgents;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Trunk;

/// <summary>
/// <see cref="ICallBridge"/> for <see cref="SipCarrier"/>'s per-call agent legs: relays RTP between
/// the two calls' <see cref="RtpMediaEndpoint"/>s until either side's media stops.
/// </summary>
public sealed class RtpCallBridge(ILogger<RtpBridge>? logger = null) : ICallBridge
{
    public ValueTask BridgeAsync(SipCall customer, SipCall agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(agent);
        if (customer.Media is not RtpMediaEndpoint customerMedia || agent.Media is not RtpMediaEndpoint agentMedia)
        {
            throw new InvalidOperationException("Both calls need RTP media endpoints (RtpMediaEndpointFactory) to be bridged.");
        }
        var bridge = new RtpBridge(
            new RtpBridgeLeg(customerMedia.Session.Rtp, customerMedia.Session.AudioPayloadType, customerMedia.Session.DtmfPayloadType),
            new RtpBridgeLeg(agentMedia.Session.Rtp, agentMedia.Session.AudioPayloadType, agentMedia.Session.DtmfPayloadType),
            logger);
        bridge.Start();
        _ = Task.WhenAny(customerMedia.Stopped, agentMedia.Stopped).ContinueWith(_ => bridge.Dispose(), TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }
}
