using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>
/// A server transaction as its user sees it: the request, and a way to respond. Retransmitted
/// requests are answered from here without reaching the user (RFC 3261 §17.2).
/// </summary>
public abstract class SipServerTransaction : SipTransaction
{
    private protected SipServerTransaction(SipTransactionContext context, SipRequest request, SipRemote source, SipRemote responseDestination, SipTransactionState initial, Action<SipTransaction> onTerminated)
        : base(context, SipTransactionKey.ForServer(request), request, source, initial, onTerminated)
    {
        ResponseDestination = responseDestination;
    }

    /// <summary>Where responses go (§18.2.2), worked out once from the request.</summary>
    public SipRemote ResponseDestination { get; }

    /// <summary>The last response sent, resent when the request is retransmitted.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>True once a final response has been sent.</summary>
    public bool HasFinalResponse => LastResponse is { IsProvisional: false };

    /// <summary>Sends a response through the state machine. A response after a final one is refused.</summary>
    public ValueTask SendResponseAsync(SipResponse response)
    {
        lock (Gate)
        {
            if (HasFinalResponse || State == SipTransactionState.Terminated)
            {
                throw new InvalidOperationException($"Transaction {Key} already sent its final response.");
            }
            OnSendResponse(response);
        }
        return ValueTask.CompletedTask;
    }

    private protected abstract void OnSendResponse(SipResponse response);

    /// <summary>A request that matched this transaction: a retransmission, or the ACK of an INVITE.</summary>
    internal abstract void OnRequest(SipRequest request);
}
