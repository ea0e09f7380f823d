namespace ContactCenter.Telephony.Sip.Dialogs;

/// <summary>A dialog's identity: Call-ID plus local and remote tags (RFC 3261 §12).</summary>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
