using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>Maps a final SIP status to the outcome a dialer retries on.</summary>
public static class CallOutcomes
{
    /// <param name="statusCode">The final response to the INVITE.</param>
    /// <param name="ringTimedOut">True when we cancelled because nobody answered in time.</param>
    public static CallOutcome FromStatus(int statusCode, bool ringTimedOut = false) => statusCode switch
    {
        >= 200 and < 300 => CallOutcome.Answered,
        486 or 600 => CallOutcome.Busy,
        // A 487 after our own ring-timeout CANCEL is a no-answer, otherwise someone hung up early.
        487 => ringTimedOut ? CallOutcome.NoAnswer : CallOutcome.Cancelled,
        480 or 408 => CallOutcome.NoAnswer,
        404 or 484 or 410 or 604 => CallOutcome.InvalidNumber,
        403 or 603 => CallOutcome.Rejected,
        >= 600 => CallOutcome.Rejected,
        _ => CallOutcome.CarrierError,
    };
}
