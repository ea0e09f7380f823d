namespace ContactCenter.Telephony.Sip.Dialogs;

/// <summary>Early (from a 1xx with a tag), Confirmed (from a 2xx), Terminated (RFC 3261 §12).</summary>
public enum SipDialogState
{
    Early,
    Confirmed,
    Terminated,
}
