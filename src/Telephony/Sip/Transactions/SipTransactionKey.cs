using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>Transaction matching keys (RFC 3261 §17.1.3 and §17.2.3).</summary>
internal static class SipTransactionKey
{
    /// <summary>Client side: the top Via branch plus the CSeq method (§17.1.3).</summary>
    public static string ForClient(SipMessage message) =>
        $"{message.TopVia.Branch}|{message.CSeq.Method}";

    /// <summary>
    /// Server side: branch, sent-by and method, with ACK matching its INVITE (§17.2.3). A branch
    /// without the magic cookie comes from an RFC 2543 peer; we then key on the dialog identifiers
    /// and CSeq, which §17.2.3 describes for that case.
    /// </summary>
    public static string ForServer(SipRequest request)
    {
        var via = request.TopVia;
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        if (via.Branch is { } branch && branch.StartsWith(SipVia.BranchMagicCookie, StringComparison.Ordinal))
        {
            return $"{branch}|{via.SentBy.ToLowerInvariant()}|{method}";
        }
        return $"2543|{request.CallId}|{request.From.Tag}|{request.CSeq.Number}|{via.SentBy.ToLowerInvariant()}|{method}";
    }

    /// <summary>The key of the INVITE server transaction a CANCEL targets (§9.2).</summary>
    public static string ForCancelledInvite(SipRequest cancel)
    {
        var via = cancel.TopVia;
        if (via.Branch is { } branch && branch.StartsWith(SipVia.BranchMagicCookie, StringComparison.Ordinal))
        {
            return $"{branch}|{via.SentBy.ToLowerInvariant()}|{SipMethods.Invite}";
        }
        return $"2543|{cancel.CallId}|{cancel.From.Tag}|{cancel.CSeq.Number}|{via.SentBy.ToLowerInvariant()}|{SipMethods.Invite}";
    }
}
