namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>Where a call stands.</summary>
public enum SipCallState
{
    /// <summary>INVITE sent or received, no ringing yet.</summary>
    Calling,
    /// <summary>180/183 seen (outbound) or sent (inbound).</summary>
    Ringing,
    /// <summary>200 OK sent or received; on the inbound side, waiting for the ACK.</summary>
    Answering,
    /// <summary>Both sides have a confirmed dialog.</summary>
    Established,
    Ended,
}
