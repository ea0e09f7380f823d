namespace ContactCenter.Telephony.Carrier;

/// <summary>One step of call progress reported by a carrier.</summary>
public sealed record CallEvent(string CallId, CallEventKind Kind, DateTimeOffset At, CallOutcome Outcome = CallOutcome.None, string? Detail = null);

public enum CallEventKind
{
    /// <summary>The carrier accepted the attempt (SIP 100 Trying).</summary>
    Dialing,
    /// <summary>The far end rings (180/183).</summary>
    Ringing,
    /// <summary>
    /// A person picked up (200 OK, AMD said Human or NotSure); or, with <see cref="CallOutcome.Voicemail"/>, a machine
    /// did and the request asked to stay on it (<see cref="OutboundCallRequest.StayOnAnsweringMachine"/>).
    /// </summary>
    Answered,
    /// <summary>The attempt failed before a person was reached; <see cref="CallEvent.Outcome"/> says why.</summary>
    Failed,
    /// <summary>An answered call ended (either side hung up).</summary>
    HungUp,
}
