namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>The states of the four transaction machines (RFC 3261 §17 figures 5–8, with Accepted from RFC 6026).</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    /// <summary>INVITE server after a 2xx (RFC 6026 §7.1): absorbs retransmitted INVITEs until Timer L.</summary>
    Accepted,
    Confirmed,
    Terminated,
}
