using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>
/// A client transaction as its user sees it: provisional responses as they come and one final
/// response. A timeout or transport failure produces a local 408 or 503 (RFC 3261 §8.1.3.1).
/// </summary>
public abstract class SipClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipClientTransaction(SipTransactionContext context, SipRequest request, SipRemote remote, SipTransactionState initial, Action<SipTransaction> onTerminated)
        : base(context, SipTransactionKey.ForClient(request), request, remote, initial, onTerminated)
    {
    }

    /// <summary>Called for each 1xx, in order, outside the transaction lock.</summary>
    public event Action<SipResponse>? ProvisionalReceived;

    /// <summary>The first final response, or a locally made 408/503.</summary>
    public Task<SipResponse> FinalResponse => final.Task;

    /// <summary>True when the final response was made locally because the peer never answered.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>
    /// Ends the transaction now, reporting 408 if no final response came. A UAC uses this when its
    /// CANCEL drew no final response to the INVITE within 64·T1 (RFC 3261 §9.1).
    /// </summary>
    public void Abandon()
    {
        lock (Gate)
        {
            if (State == SipTransactionState.Terminated) return;
            TimeOut();
        }
    }

    internal abstract void Start();

    internal abstract void OnResponse(SipResponse response);

    // Responses reach the user in arrival order, on the thread pool and outside the lock, so a
    // handler may CANCEL or hang up from inside without deadlocking the machine.
    private Task deliveries = Task.CompletedTask;

    private protected void DeliverProvisional(SipResponse response)
    {
        var handler = ProvisionalReceived;
        if (handler is null) return;
        deliveries = deliveries.ContinueWith(_ => handler(response), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private protected void DeliverFinal(SipResponse response) =>
        deliveries = deliveries.ContinueWith(_ => final.TrySetResult(response), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    private protected void TimeOut()
    {
        TimedOut = true;
        DeliverFinal(Synthesize(SipStatus.RequestTimeout));
        MoveTo(SipTransactionState.Terminated);
    }

    private protected override void OnTransportError(Exception error)
    {
        DeliverFinal(Synthesize(SipStatus.ServiceUnavailable));
        base.OnTransportError(error);
    }

    private SipResponse Synthesize(int status)
    {
        var response = SipResponse.For(Request, status);
        response.Headers.Set("Reason", $"SIP;cause={status};text=\"local\"");
        return response;
    }
}
