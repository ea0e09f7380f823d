namespace ContactCenter.Telephony.Carrier;

/// <summary>How a call attempt ended, in the terms a dialer retries on.</summary>
public enum CallOutcome
{
    None = 0,
    Answered,
    Busy,
    NoAnswer,
    Voicemail,
    Rejected,
    InvalidNumber,
    CarrierError,
    Cancelled,
    /// <summary>The process or silo holding the call stopped; what the carrier did last is unknown.</summary>
    Lost,
}
