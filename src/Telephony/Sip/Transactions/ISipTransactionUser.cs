using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>The transaction user (RFC 3261 §5): the UA core above the transaction layer.</summary>
public interface ISipTransactionUser
{
    /// <summary>A new request, already wrapped in its server transaction (CANCEL included).</summary>
    ValueTask OnRequestAsync(SipServerTransaction transaction);

    /// <summary>An ACK that matched no transaction: the ACK of a 2xx, which belongs to the dialog (§13.3.1.4).</summary>
    ValueTask OnAckAsync(SipRequest ack, SipRemote source);

    /// <summary>A response that matched no transaction, typically a retransmitted 2xx to INVITE (§13.2.2.4).</summary>
    ValueTask OnStrayResponseAsync(SipResponse response, SipRemote source);
}
