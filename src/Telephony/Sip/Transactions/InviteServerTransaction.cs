using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>The INVITE server transaction (RFC 3261 §17.2.1, figure 7, with the Accepted state of RFC 6026 §7.1).</summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer timerG;
    private readonly TransactionTimer timerH;
    private readonly TransactionTimer timerI;
    private readonly TransactionTimer timerL;

    internal InviteServerTransaction(SipTransactionContext context, SipRequest request, SipRemote source, SipRemote responseDestination, Action<SipTransaction> onTerminated)
        : base(context, request, source, responseDestination, SipTransactionState.Proceeding, onTerminated)
    {
        timerG = NewTimer(OnTimerG);
        timerH = NewTimer(() => MoveTo(SipTransactionState.Terminated));
        timerI = NewTimer(() => MoveTo(SipTransactionState.Terminated));
        timerL = NewTimer(() => MoveTo(SipTransactionState.Terminated));
    }

    /// <summary>True once a CANCEL for this INVITE arrived (RFC 3261 §9.2).</summary>
    public bool IsCancelled { get; internal set; }

    private protected override void OnSendResponse(SipResponse response)
    {
        LastResponse = response;
        Send(response, ResponseDestination);
        if (response.IsProvisional) return;
        if (response.IsSuccess)
        {
            // The UAS core retransmits the 2xx until the ACK (§13.3.1.4). RFC 6026 keeps the
            // transaction Accepted for 64·T1 so a retransmitted INVITE is absorbed here instead of
            // reaching the core as a new call, as it would after plain RFC 3261 termination.
            MoveTo(SipTransactionState.Accepted);
            timerL.Start(Timers.TransactionTimeout);
            return;
        }
        MoveTo(SipTransactionState.Completed);
        if (!IsReliable) timerG.Start(Timers.T1);
        timerH.Start(Timers.TransactionTimeout);
    }

    internal override void OnRequest(SipRequest request)
    {
        lock (Gate)
        {
            if (request.Method == SipMethods.Ack)
            {
                if (State != SipTransactionState.Completed) return;
                timerG.Stop();
                timerH.Stop();
                MoveTo(SipTransactionState.Confirmed);
                // Timer I absorbs ACK retransmissions: T4 on UDP, zero on TCP.
                timerI.Start(IsReliable ? TimeSpan.Zero : Timers.T4);
                return;
            }
            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
            {
                Send(LastResponse, ResponseDestination);
            }
        }
    }

    private void OnTimerG()
    {
        if (State != SipTransactionState.Completed) return;
        Send(LastResponse!, ResponseDestination);
        timerG.Start(TimeSpan.FromTicks(Math.Min(timerG.Interval.Ticks * 2, Timers.T2.Ticks)));
    }

    private protected override void StopTimers()
    {
        timerG.Stop();
        timerH.Stop();
        timerI.Stop();
        timerL.Stop();
    }
}
