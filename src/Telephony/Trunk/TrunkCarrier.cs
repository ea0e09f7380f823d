using ContactCenter.Telephony.AgentPhones;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Privacy;
using ContactCenter.Telephony.Sip.UserAgents;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Trunk;

/// <summary>
/// The product's SIP carrier: places calls through the trunk with RTP media, screens answers for
/// answering machines when asked (<see cref="AnsweringMachineScreening"/>), and bridges answered
/// calls into the agents' persistent phone channels (<see cref="AgentPhoneChannels"/>), so the
/// agent hears the customer the moment the call is handed over and keeps the line afterwards.
/// </summary>
public sealed partial class TrunkCarrier(
    SipUserAgent userAgent,
    TrunkCarrierOptions options,
    ICallEventSink events,
    AgentPhoneChannels agents,
    ILogger<TrunkCarrier> logger,
    TimeProvider? timeProvider = null) : ICarrier, ICallMediaAccess
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    /// <summary>The agent channels calls are bridged into.</summary>
    public AgentPhoneChannels Agents => agents;

    public async Task PlaceCallAsync(OutboundCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var callerId = string.IsNullOrEmpty(request.CallerId) ? options.DefaultCallerId ?? throw new ArgumentException("The request has no caller ID and no default is configured.", nameof(request)) : request.CallerId;
        var call = new SipCallRequest(options.Trunk.WithUser(E164.Require(request.Destination, nameof(request))), E164.Require(callerId, nameof(request)))
        {
            CallId = request.CallId,
            CallerDisplayName = options.CallerDisplayName,
            RingTimeout = request.RingTimeout,
        };
        if (!(request.DetectAnsweringMachine ?? options.DetectAnsweringMachine))
        {
            await userAgent.PlaceCallAsync(call, events, cancellationToken);
            return;
        }

        var screening = new AnsweringMachineScreening(events, options.Amd, request.StayOnAnsweringMachine, time, logger);
        try
        {
            screening.Attach(await userAgent.PlaceCallAsync(call, screening, cancellationToken));
        }
        catch
        {
            screening.Abandon();
            throw;
        }
    }

    /// <summary>
    /// Sends the BYE (or CANCEL) and returns without waiting for the call to wrap up: the end is reported through the
    /// event sink like all progress (<see cref="ICarrier"/>). Not cancellable: a hang-up once asked for must happen.
    /// </summary>
    public Task HangUpAsync(string callId, CancellationToken cancellationToken = default)
    {
        if (userAgent.FindCall(callId) is not { } call) return Task.CompletedTask;
        // The SIP call's HangUpAsync completes only once its HungUp event has been delivered to the sink, and the sink is
        // the call grain that asked, still in its turn: awaiting it here held the grain until Orleans timed the event
        // out (30 s), and the router's retries kept both waiting for minutes (issue 16). The BYE or CANCEL normally leaves
        // before the SIP call's first wait, so only the wrap-up (media stop, event delivery) is left to the background.
        _ = WrapUpAsync(call.HangUpAsync(CancellationToken.None), callId);
        return Task.CompletedTask;
    }

    private async Task WrapUpAsync(Task hangingUp, string callId)
    {
        try
        {
            await hangingUp;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHangUpFailed(logger, callId, ex.GetType().Name, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
        }
    }

    public CallMedia? GetMedia(string callId) =>
        userAgent.FindCall(callId) is { State: SipCallState.Established, Media: RtpMediaEndpoint media } ? new CallMedia(media.Session, media.Stopped) : null;

    /// <summary>
    /// Relays the customer's RTP into the agent's persistent channel, dialling the agent first if
    /// the channel is not up yet. The channel outlives the customer call.
    /// </summary>
    /// <exception cref="InvalidOperationException">The call is not established, or the agent cannot be reached.</exception>
    public async Task BridgeAsync(string callId, AgentEndpoint agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (userAgent.FindCall(callId) is not { State: SipCallState.Established } customer)
        {
            throw new InvalidOperationException($"Call {callId} is not an established call.");
        }
        if (customer.Media is not RtpMediaEndpoint media) throw new InvalidOperationException($"Call {callId} has no RTP media to bridge.");
        var started = time.GetTimestamp();
        try
        {
            await agents.BridgeAsync(agent.AgentId, agent.SipUri, callId, media, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // A bad agent URI is the agent's problem, not the call's: the dialer treats it as "no agent".
            throw new InvalidOperationException(ex.Message, ex);
        }
        LogBridged(logger, callId, agent.AgentId, time.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: hanging up failed ({Error}: {Reason})")]
    private static partial void LogHangUpFailed(ILogger logger, string callId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} joined agent {AgentId}'s channel in {ElapsedMs} ms")]
    private static partial void LogBridged(ILogger logger, string callId, string agentId, double elapsedMs);
}
