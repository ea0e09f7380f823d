using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>The INVITE client transaction (RFC 3261 §17.1.1, figure 5).</summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer timerA;
    private readonly TransactionTimer timerB;
    private readonly TransactionTimer timerD;
    private SipRequest? ack;

    internal InviteClientTransaction(SipTransactionContext context, SipRequest request, SipRemote remote, Action<SipTransaction> onTerminated)
        : base(context, request, remote, SipTransactionState.Calling, onTerminated)
    {
        timerA = NewTimer(OnTimerA);
        timerB = NewTimer(OnTimerB);
        timerD = NewTimer(() => MoveTo(SipTransactionState.Terminated));
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request, Remote);
            // §17.1.1.2: Timer A only on unreliable transports; Timer B always.
            if (!IsReliable) timerA.Start(Timers.T1);
            timerB.Start(Timers.TransactionTimeout);
        }
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsProvisional:
                    // A provisional response stops retransmissions and the Timer B timeout: only the
                    // user (ring timeout → CANCEL) ends a ringing INVITE.
                    timerA.Stop();
                    timerB.Stop();
                    MoveTo(SipTransactionState.Proceeding);
                    DeliverProvisional(response);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsSuccess:
                    // §17.1.1.2: a 2xx goes to the user, who ACKs it; retransmissions bypass us.
                    DeliverFinal(response);
                    MoveTo(SipTransactionState.Terminated);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    timerA.Stop();
                    timerB.Stop();
                    ack = BuildAck(response);
                    Send(ack, Remote);
                    DeliverFinal(response);
                    MoveTo(SipTransactionState.Completed);
                    timerD.Start(IsReliable ? TimeSpan.Zero : Timers.TimerD);
                    break;
                case SipTransactionState.Completed when !response.IsProvisional && !response.IsSuccess:
                    // A retransmitted final response: our ACK was lost, send it again.
                    Send(ack!, Remote);
                    break;
            }
        }
    }

    private void OnTimerA()
    {
        if (State != SipTransactionState.Calling) return;
        Send(Request, Remote);
        timerA.Start(timerA.Interval * 2);
    }

    private void OnTimerB()
    {
        if (State == SipTransactionState.Calling) TimeOut();
    }

    /// <summary>
    /// The ACK for a non-2xx final response (§17.1.1.3): same Request-URI, Call-ID, From, CSeq
    /// number and top Via as the INVITE, To from the response, and the INVITE's Route headers.
    /// </summary>
    private SipRequest BuildAck(SipResponse response)
    {
        var request = new SipRequest(SipMethods.Ack, Request.RequestUri);
        request.Headers.Add(SipHeaderNames.Via, Request.Headers.Get(SipHeaderNames.Via)!);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.CopyFrom(Request.Headers, SipHeaderNames.Route);
        request.Headers.CopyFrom(Request.Headers, SipHeaderNames.From);
        request.Headers.Add(SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To)!);
        request.Headers.CopyFrom(Request.Headers, SipHeaderNames.CallId);
        request.CSeq = new SipCSeq(Request.CSeq.Number, SipMethods.Ack);
        return request;
    }

    private protected override void StopTimers()
    {
        timerA.Stop();
        timerB.Stop();
        timerD.Stop();
    }
}
