using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip.Dialogs;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// What inbound and outbound calls share once a dialog exists: in-dialog requests (BYE,
/// re-INVITE, OPTIONS, INFO), hold and resume, hang-up, media updates and progress events.
/// </summary>
public abstract partial class SipCall
{
    private readonly TaskCompletionSource<CallOutcome> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ICallEventSink? sink;
    private readonly object eventGate = new();
    private readonly SemaphoreSlim mediaOrder = new(1, 1);
    private Task events = Task.CompletedTask;
    private SuccessRetransmitter? pendingReinviteAnswer;
    private SdpSession? offerInReinviteAnswer;
    private int reinviteInProgress;
    private bool finishing;
    private ulong sdpVersion;

    private protected SipCall(SipUserAgent userAgent, string id, ICallEventSink? sink)
    {
        UserAgent = userAgent;
        Id = id;
        this.sink = sink;
        Logger = userAgent.Logger;
        SdpSessionId = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    }

    /// <summary>Our id for the call (the one in every <see cref="CallEvent"/>).</summary>
    public string Id { get; }

    /// <summary>The SIP Call-ID.</summary>
    public abstract string SipCallId { get; }

    public SipCallState State { get; private protected set; } = SipCallState.Calling;

    /// <summary>The outcome so far; final once <see cref="Ended"/> completes.</summary>
    public CallOutcome Outcome { get; private set; }

    public SipDialog? Dialog { get; private protected set; }

    /// <summary>The last negotiated media, or null before any answer.</summary>
    public NegotiatedMedia? NegotiatedMedia { get; private protected set; }

    /// <summary>The media endpoint, once created.</summary>
    public IMediaEndpoint? Media { get; private protected set; }

    /// <summary>True while we hold the peer (our last offer was sendonly).</summary>
    public bool IsOnHold { get; private set; }

    /// <summary>Completes with the outcome when the call is over, whichever side ended it.</summary>
    public Task<CallOutcome> Ended => ended.Task;

    private protected SipUserAgent UserAgent { get; }

    private protected ILogger Logger { get; }

    private protected ulong SdpSessionId { get; }

    private protected ulong NextSdpVersion() => Interlocked.Increment(ref sdpVersion);

    private protected SipTransactionLayer Layer => UserAgent.Layer;

    /// <summary>Ends the call in whatever state: CANCEL or reject before the answer, BYE after.</summary>
    public abstract Task HangUpAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts the peer on hold with a sendonly re-INVITE (RFC 3264 §8.4). False if refused.</summary>
    public Task<bool> HoldAsync(CancellationToken cancellationToken = default) => ReinviteAsync(SdpDirection.SendOnly, cancellationToken);

    /// <summary>Takes the peer off hold with a sendrecv re-INVITE. False if refused.</summary>
    public Task<bool> ResumeAsync(CancellationToken cancellationToken = default) => ReinviteAsync(SdpDirection.SendRecv, cancellationToken);

    private async Task<bool> ReinviteAsync(SdpDirection direction, CancellationToken cancellationToken)
    {
        if (State != SipCallState.Established || Dialog is null || Media is null) throw new InvalidOperationException("Only an established call can be re-negotiated.");
        if (Interlocked.Exchange(ref reinviteInProgress, 1) == 1) throw new InvalidOperationException("A re-INVITE is already in progress.");
        try
        {
            var offer = SdpOfferAnswer.CreateOffer(Media.LocalRtpEndPoint, Media.Codecs, SdpSessionId, NextSdpVersion(), direction);
            var request = Dialog.CreateRequest(SipMethods.Invite, UserAgent.ContactFor(Dialog.NextHop));
            UserAgent.Decorate(request);
            request.SetBody("application/sdp", offer.ToString());
            var destination = await UserAgent.ResolveInDialogAsync(Dialog, cancellationToken);
            var transaction = Layer.SendRequest(request, destination);
            var response = await transaction.FinalResponse.WaitAsync(cancellationToken);
            if (!response.IsSuccess) return false;

            var ack = Dialog.CreateAck(request.CSeq.Number, UserAgent.ContactFor(Dialog.NextHop));
            UserAgent.Decorate(ack);
            await Layer.SendStatelessAsync(ack, destination, cancellationToken);
            Dialog.RefreshTarget(response);
            var negotiated = SdpOfferAnswer.ReadAnswer(offer, SdpSession.Parse(response.BodyText));
            await ApplyMediaAsync(negotiated, cancellationToken: cancellationToken);
            IsOnHold = direction == SdpDirection.SendOnly;
            return true;
        }
        catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
        {
            LogBadSdp(Logger, Id, ex.Message);
            return false;
        }
        finally
        {
            Volatile.Write(ref reinviteInProgress, 0);
        }
    }

    /// <summary>A request inside our dialog (RFC 3261 §12.2.2).</summary>
    internal async ValueTask OnInDialogRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (Dialog is null || !Dialog.TryAcceptRemoteSequence(request.CSeq.Number))
        {
            await RespondAsync(transaction, SipStatus.ServerInternalError, "CSeq out of order");
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Bye:
                await RespondAsync(transaction, SipStatus.Ok);
                _ = FinishAsync(CallEventKind.HungUp, Outcome == CallOutcome.None ? CallOutcome.Answered : Outcome, "remote BYE");
                break;
            case SipMethods.Invite:
                await OnReinviteAsync(transaction);
                break;
            case SipMethods.Options or SipMethods.Info or SipMethods.Notify:
                await RespondAsync(transaction, SipStatus.Ok);
                break;
            default:
                await UserAgent.RespondUnsupportedAsync(transaction);
                break;
        }
    }

    // The peer re-negotiates (for example puts us on hold): answer from the same media endpoint.
    private async ValueTask OnReinviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (Volatile.Read(ref reinviteInProgress) == 1 || Media is null)
        {
            // RFC 3261 §14.2: glare with our own re-INVITE.
            await RespondAsync(transaction, 491, "Request Pending");
            return;
        }
        try
        {
            Dialog!.RefreshTarget(request);
            var response = UserAgent.CreateResponse(request, SipStatus.Ok, Dialog.Id.LocalTag);
            if (request.Body.Length == 0)
            {
                // A re-INVITE without SDP (a session refresh, RFC 4028) asks us to offer in the 2xx;
                // the answer comes in the ACK (RFC 3261 §14.2, RFC 3264 §8).
                var offer = SdpOfferAnswer.CreateOffer(Media.LocalRtpEndPoint, Media.Codecs, SdpSessionId, NextSdpVersion(), IsOnHold ? SdpDirection.SendOnly : SdpDirection.SendRecv);
                response.SetBody("application/sdp", offer.ToString());
                offerInReinviteAnswer = offer;
            }
            else
            {
                var (answer, negotiated) = SdpOfferAnswer.CreateAnswer(SdpSession.Parse(request.BodyText), Media.LocalRtpEndPoint, Media.Codecs, SdpSessionId, NextSdpVersion());
                response.SetBody("application/sdp", answer.ToString());
                offerInReinviteAnswer = null;
                await ApplyMediaAsync(negotiated);
            }
            pendingReinviteAnswer?.Dispose();
            pendingReinviteAnswer = new SuccessRetransmitter(Layer, response, transaction.ResponseDestination, () => _ = HangUpAsync());
            await transaction.SendResponseAsync(response);
        }
        catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
        {
            await RespondAsync(transaction, SipStatus.NotAcceptableHere);
        }
    }

    /// <summary>An ACK that matched our dialog: stops the retransmission of our 2xx.</summary>
    internal virtual async ValueTask OnAckAsync(SipRequest ack)
    {
        if (pendingReinviteAnswer is not { } pending || pending.CSeqNumber != ack.CSeq.Number) return;
        pending.Dispose();
        pendingReinviteAnswer = null;
        if (offerInReinviteAnswer is not { } offer) return;
        offerInReinviteAnswer = null;
        try
        {
            await ApplyMediaAsync(SdpOfferAnswer.ReadAnswer(offer, SdpSession.Parse(ack.BodyText)));
        }
        catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
        {
            // §13.2.1: no usable answer in the ACK; keep the media we had and say so.
            LogBadSdp(Logger, Id, ex.Message);
        }
    }

    /// <summary>A 2xx that matched no transaction (a retransmission); outbound calls re-ACK it.</summary>
    internal virtual ValueTask OnStraySuccessAsync(SipResponse response) => ValueTask.CompletedTask;

    /// <summary>
    /// Sends BYE and ends the call. The session ends when the BYE leaves (§15.1.1), so this waits
    /// for the call to wrap up (<see cref="Ended"/>) but not for the BYE's response; its
    /// transaction finishes on its own.
    /// </summary>
    private protected async Task SendByeAsync(CallOutcome outcome, string detail, CancellationToken cancellationToken = default)
    {
        if (Dialog is { } dialog && State is SipCallState.Established or SipCallState.Answering)
        {
            var bye = dialog.CreateRequest(SipMethods.Bye);
            UserAgent.Decorate(bye);
            try
            {
                var destination = await UserAgent.ResolveInDialogAsync(dialog, cancellationToken);
                Layer.SendRequest(bye, destination);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or NotSupportedException)
            {
                LogByeFailed(Logger, Id, ex.Message);
            }
        }
        await FinishAsync(CallEventKind.HungUp, outcome, detail).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Hands a negotiation result to the media endpoint. Results are applied one at a time and in
    /// order, so slow early media cannot land after the answer; <paramref name="stillCurrent"/>
    /// lets a late result skip itself.
    /// </summary>
    private protected async ValueTask ApplyMediaAsync(NegotiatedMedia negotiated, Func<bool>? stillCurrent = null, CancellationToken cancellationToken = default)
    {
        await mediaOrder.WaitAsync(cancellationToken);
        try
        {
            if (stillCurrent is not null && !stillCurrent()) return;
            NegotiatedMedia = negotiated;
            if (Media is not null) await Media.ApplyAsync(negotiated, cancellationToken);
        }
        finally
        {
            mediaOrder.Release();
        }
    }

    private protected ValueTask RespondAsync(SipServerTransaction transaction, int status, string? reason = null) =>
        transaction.SendResponseAsync(UserAgent.CreateResponse(transaction.Request, status, Dialog?.Id.LocalTag, reason));

    /// <summary>Reports progress in order, never blocking signalling on the sink.</summary>
    private protected void Emit(CallEventKind kind, CallOutcome outcome = CallOutcome.None, string? detail = null)
    {
        if (sink is null) return;
        var callEvent = new CallEvent(Id, kind, UserAgent.TimeProvider.GetUtcNow(), outcome, detail);
        lock (eventGate)
        {
            events = events.ContinueWith(async _ =>
            {
                try
                {
                    await sink.OnCallEventAsync(callEvent);
                }
                catch (Exception ex)
                {
                    LogSinkFailed(Logger, ex, Id, kind);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>
    /// Ends the call once: reports, forgets the dialog, then stops media and flushes events in the
    /// background. The returned task (<see cref="Ended"/>) completes when all of that is done; the
    /// receive path does not wait for it, so a slow sink or media stop never stalls signalling.
    /// </summary>
    private protected Task FinishAsync(CallEventKind kind, CallOutcome outcome, string? detail)
    {
        lock (eventGate)
        {
            if (finishing) return ended.Task;
            finishing = true;
            Outcome = outcome;
            State = SipCallState.Ended;
        }
        Emit(kind, outcome, detail);
        pendingReinviteAnswer?.Dispose();
        Dialog?.Terminate();
        UserAgent.Forget(this);
        _ = CompleteAsync(outcome);
        return ended.Task;
    }

    private async Task CompleteAsync(CallOutcome outcome)
    {
        if (Media is not null)
        {
            try
            {
                await Media.StopAsync();
                await Media.DisposeAsync();
            }
            catch (Exception ex)
            {
                LogMediaStopFailed(Logger, ex, Id);
            }
        }
        Task pending;
        lock (eventGate) pending = events;
        await pending;
        ended.TrySetResult(outcome);
    }

    /// <summary>Records the outcome without ending the call (an answer).</summary>
    private protected void SetOutcome(CallOutcome outcome) => Outcome = outcome;
}
