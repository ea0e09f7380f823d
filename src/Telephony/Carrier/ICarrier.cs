namespace ContactCenter.Telephony.Carrier;

/// <summary>
/// The telephony seam: how a call grain places and ends calls. Implemented by the
/// simulated carrier (default) and by the SIP trunk. Progress comes back through
/// <see cref="ICallEventSink"/>, never as a return value, because a call lives for minutes.
/// </summary>
public interface ICarrier
{
    /// <summary>Starts an outbound call. Returns once the attempt is under way, not when it is answered.</summary>
    Task PlaceCallAsync(OutboundCallRequest request, CancellationToken cancellationToken = default);

    /// <summary>Ends the call whatever its state: CANCEL before answer, BYE after.</summary>
    Task HangUpAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>Connects an answered customer call to an agent's phone leg.</summary>
    Task BridgeAsync(string callId, AgentEndpoint agent, CancellationToken cancellationToken = default);
}
