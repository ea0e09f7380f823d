using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>The non-INVITE client transaction (RFC 3261 §17.1.2, figure 6).</summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer timerE;
    private readonly TransactionTimer timerF;
    private readonly TransactionTimer timerK;

    internal NonInviteClientTransaction(SipTransactionContext context, SipRequest request, SipRemote remote, Action<SipTransaction> onTerminated)
        : base(context, request, remote, SipTransactionState.Trying, onTerminated)
    {
        timerE = NewTimer(OnTimerE);
        timerF = NewTimer(OnTimerF);
        timerK = NewTimer(() => MoveTo(SipTransactionState.Terminated));
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request, Remote);
            if (!IsReliable) timerE.Start(Timers.T1);
            timerF.Start(Timers.TransactionTimeout);
        }
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding)) return;
            if (response.IsProvisional)
            {
                MoveTo(SipTransactionState.Proceeding);
                DeliverProvisional(response);
                return;
            }
            timerE.Stop();
            timerF.Stop();
            DeliverFinal(response);
            MoveTo(SipTransactionState.Completed);
            // Timer K absorbs retransmitted final responses: T4 on UDP, zero on TCP.
            timerK.Start(IsReliable ? TimeSpan.Zero : Timers.T4);
        }
    }

    private void OnTimerE()
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding)) return;
        Send(Request, Remote);
        // §17.1.2.2: doubling up to T2 while Trying, T2 flat once Proceeding.
        var next = State == SipTransactionState.Trying ? TimeSpan.FromTicks(Math.Min(timerE.Interval.Ticks * 2, Timers.T2.Ticks)) : Timers.T2;
        timerE.Start(next);
    }

    private void OnTimerF()
    {
        if (State is SipTransactionState.Trying or SipTransactionState.Proceeding) TimeOut();
    }

    private protected override void StopTimers()
    {
        timerE.Stop();
        timerF.Stop();
        timerK.Stop();
    }
}
