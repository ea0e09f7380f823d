using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>The non-INVITE server transaction (RFC 3261 §17.2.2, figure 8).</summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer timerJ;

    internal NonInviteServerTransaction(SipTransactionContext context, SipRequest request, SipRemote source, SipRemote responseDestination, Action<SipTransaction> onTerminated)
        : base(context, request, source, responseDestination, SipTransactionState.Trying, onTerminated)
    {
        timerJ = NewTimer(() => MoveTo(SipTransactionState.Terminated));
    }

    private protected override void OnSendResponse(SipResponse response)
    {
        LastResponse = response;
        Send(response, ResponseDestination);
        if (response.IsProvisional)
        {
            MoveTo(SipTransactionState.Proceeding);
            return;
        }
        MoveTo(SipTransactionState.Completed);
        // Timer J keeps the final response for retransmitted requests: 64·T1 on UDP, zero on TCP.
        timerJ.Start(IsReliable ? TimeSpan.Zero : Timers.TransactionTimeout);
    }

    internal override void OnRequest(SipRequest request)
    {
        lock (Gate)
        {
            // §17.2.2: in Trying a retransmission is discarded; later the last response is resent.
            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
            {
                Send(LastResponse, ResponseDestination);
            }
        }
    }

    private protected override void StopTimers() => timerJ.Stop();
}
