using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 machines share: the request, the peer, the state under a lock, and
/// removal from the transaction layer on termination so none outlives its purpose.
/// </summary>
public abstract class SipTransaction
{
    private readonly Action<SipTransaction> onTerminated;
    private readonly TaskCompletionSource terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipTransaction(SipTransactionContext context, string key, SipRequest request, SipRemote remote, SipTransactionState initialState, Action<SipTransaction> onTerminated)
    {
        Context = context;
        Key = key;
        Request = request;
        Remote = remote;
        State = initialState;
        this.onTerminated = onTerminated;
    }

    /// <summary>The matching key (branch, sent-by, method).</summary>
    public string Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>The peer: destination of a client transaction, source of a server transaction.</summary>
    public SipRemote Remote { get; }

    public SipTransactionState State { get; private set; }

    /// <summary>Completes when the transaction reaches Terminated.</summary>
    public Task Terminated => terminated.Task;

    private protected SipTransactionContext Context { get; }

    private protected object Gate { get; } = new();

    private protected SipTimerOptions Timers => Context.Timers;

    private protected bool IsReliable => Remote.IsReliable;

    /// <summary>Moves to a new state; call under <see cref="Gate"/>.</summary>
    private protected void MoveTo(SipTransactionState state)
    {
        if (State == SipTransactionState.Terminated) return;
        State = state;
        if (state != SipTransactionState.Terminated) return;
        StopTimers();
        onTerminated(this);
        terminated.TrySetResult();
    }

    private protected TransactionTimer NewTimer(Action onFire) => new(Context.TimeProvider, () =>
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Terminated) onFire();
        }
    });

    /// <summary>Stops every timer; each machine lists its own.</summary>
    private protected abstract void StopTimers();

    /// <summary>Sends without blocking the state machine; failures go to <see cref="OnTransportError"/>.</summary>
    private protected void Send(SipMessage message, SipRemote destination) => _ = SendCoreAsync(message, destination);

    private async Task SendCoreAsync(SipMessage message, SipRemote destination)
    {
        try
        {
            await Context.Transport.SendAsync(message, destination);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            lock (Gate)
            {
                OnTransportError(ex);
            }
        }
    }

    /// <summary>RFC 3261 §17.1.4, §17.2.4: a transport failure ends the transaction.</summary>
    private protected virtual void OnTransportError(Exception error) => MoveTo(SipTransactionState.Terminated);
}
