using System.Collections.Concurrent;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// The SIP trunk behind the <see cref="ICarrier"/> seam: places calls through the trunk, reports
/// progress to the sink (Answered at 200 OK; answering-machine screening belongs to the media side),
/// hangs up with CANCEL or BYE, and bridges an answered call to an agent's phone leg.
/// </summary>
public sealed class SipCarrier(SipUserAgent userAgent, SipCarrierOptions options, ICallEventSink events, ICallBridge? bridge = null) : ICarrier
{
    private readonly ConcurrentDictionary<string, SipOutboundCall> agentLegs = new(StringComparer.Ordinal);

    public async Task PlaceCallAsync(OutboundCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var destination = options.Trunk.WithUser(ValidNumber(request.Destination));
        var call = new SipCallRequest(destination, ValidNumber(request.CallerId))
        {
            CallId = request.CallId,
            RingTimeout = request.RingTimeout,
        };
        await userAgent.PlaceCallAsync(call, events, cancellationToken);
    }

    public async Task HangUpAsync(string callId, CancellationToken cancellationToken = default)
    {
        if (agentLegs.TryRemove(callId, out var agent)) await agent.HangUpAsync(cancellationToken);
        if (userAgent.FindCall(callId) is { } call) await call.HangUpAsync(cancellationToken);
    }

    /// <summary>
    /// Calls the agent's phone and, once it answers, joins the two calls' media. When either side
    /// hangs up later, the other is hung up too.
    /// </summary>
    /// <exception cref="InvalidOperationException">No bridge is configured, the customer call is not established, or the agent did not answer.</exception>
    public async Task BridgeAsync(string callId, AgentEndpoint agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (bridge is null) throw new InvalidOperationException("No media bridge is configured for the SIP carrier.");
        if (agent.SipUri is null) throw new ArgumentException($"Agent {agent.AgentId} has no SIP URI.", nameof(agent));
        if (userAgent.FindCall(callId) is not { State: SipCallState.Established } customer)
        {
            throw new InvalidOperationException($"Call {callId} is not an established call.");
        }

        var callerId = customer is SipOutboundCall outbound ? outbound.Destination.User ?? "anonymous" : "anonymous";
        var leg = await userAgent.PlaceCallAsync(new SipCallRequest(SipUri.Parse(agent.SipUri), callerId)
        {
            CallId = $"{callId}/agent/{agent.AgentId}",
            RingTimeout = options.AgentRingTimeout,
        }, cancellationToken: cancellationToken);
        var outcome = await leg.Setup.WaitAsync(cancellationToken);
        if (outcome != CallOutcome.Answered) throw new InvalidOperationException($"Agent {agent.AgentId} did not answer ({outcome}).");

        agentLegs[callId] = leg;
        // Whichever leg ends first takes the other with it.
        _ = customer.Ended.ContinueWith(_ => HangUpLegAsync(callId), TaskScheduler.Default);
        _ = leg.Ended.ContinueWith(_ => customer.HangUpAsync(), TaskScheduler.Default);
        await bridge.BridgeAsync(customer, leg, cancellationToken);
    }

    private async Task HangUpLegAsync(string callId)
    {
        if (agentLegs.TryRemove(callId, out var leg)) await leg.HangUpAsync();
    }

    // E.164 only: a leading + and digits keep junk out of the Request-URI.
    private static string ValidNumber(string number)
    {
        var ok = number.Length is > 1 and <= 16 && number[0] == '+' && number.Skip(1).All(char.IsAsciiDigit);
        return ok ? number : throw new ArgumentException($"'{number}' is not an E.164 number.", nameof(number));
    }
}
