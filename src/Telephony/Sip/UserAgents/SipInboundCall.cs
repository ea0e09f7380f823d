using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip.Dialogs;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// An inbound call (the UAS side): ring, answer with an SDP answer (or an offer when the INVITE
/// had none), retransmit the 2xx until the ACK, or reject; CANCEL before the answer gives 487.
/// </summary>
public sealed class SipInboundCall : SipCall
{
    private readonly InviteServerTransaction transaction;
    private readonly string localTag = SipOutboundCall.NewTag();
    private readonly object gate = new();
    private SuccessRetransmitter? answerRetransmitter;
    private SdpSession? ourOfferInAnswer;
    private readonly ITimer ringLimit;
    private readonly TaskCompletionSource acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SipInboundCall(SipUserAgent userAgent, InviteServerTransaction transaction, ICallEventSink? sink)
        : base(userAgent, Guid.NewGuid().ToString("N"), sink)
    {
        this.transaction = transaction;
        ringLimit = userAgent.TimeProvider.CreateTimer(_ => _ = RejectAsync(SipStatus.TemporarilyUnavailable), null, userAgent.Options.MaxInboundRingTime, Timeout.InfiniteTimeSpan);
        _ = transaction.Terminated.ContinueWith(_ => ringLimit.Dispose(), TaskScheduler.Default);
        _ = Ended.ContinueWith(_ => ringLimit.Dispose(), TaskScheduler.Default);
    }

    public override string SipCallId => Invite.CallId;

    /// <summary>The INVITE that started the call.</summary>
    public SipRequest Invite => transaction.Request;

    /// <summary>Who is calling (the From header).</summary>
    public SipAddress Caller => Invite.From;

    /// <summary>The asserted caller identity when a trusted peer gave one (RFC 3325), else null.</summary>
    public SipAddress? AssertedIdentity =>
        Invite.Headers.Get(SipHeaderNames.PAssertedIdentity) is { } pai ? TryParse(pai) : null;

    /// <summary>What was dialled (the Request-URI).</summary>
    public SipUri Called => Invite.RequestUri;

    /// <summary>Sends 180 Ringing, creating the early dialog. Does nothing once the call is over.</summary>
    public async Task RingAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            // A caller may CANCEL at any moment; ringing a call that is already over does nothing.
            if (transaction.HasFinalResponse || State == SipCallState.Ended) return;
            State = SipCallState.Ringing;
        }
        var ringing = DialogResponse(SipStatus.Ringing);
        ringing.Headers.Add(SipHeaderNames.Contact, UserAgent.ContactFor(transaction.Remote.Protocol).ToString());
        try
        {
            await transaction.SendResponseAsync(ringing);
        }
        catch (InvalidOperationException)
        {
            return;
        }
        Emit(CallEventKind.Ringing);
    }

    /// <summary>
    /// Answers with 200 OK and our SDP. The call is <see cref="SipCallState.Established"/> once the
    /// ACK arrives; if it never does, the call ends with BYE after 64·T1 (RFC 3261 §13.3.1.4).
    /// </summary>
    /// <returns>False when the offer had nothing we can accept (we answered 488), or the call already had its final response (the caller cancelled, or it was rejected).</returns>
    public async Task<bool> AnswerAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            // The caller may have cancelled while we were deciding: that is not an error. The 487 of
            // that CANCEL can be out before the call is marked ended, so a final response we did
            // not send as an answer means the same.
            if (State == SipCallState.Ended) return false;
            if (State is SipCallState.Answering or SipCallState.Established) throw new InvalidOperationException("The call was already answered.");
            if (transaction.HasFinalResponse) return false;
            State = SipCallState.Answering;
        }
        Media = await UserAgent.MediaFactory.CreateAsync(Id, cancellationToken);
        var response = DialogResponse(SipStatus.Ok);
        response.Headers.Add(SipHeaderNames.Contact, UserAgent.ContactFor(transaction.Remote.Protocol).ToString());
        NegotiatedMedia? negotiated = null;
        try
        {
            if (Invite.Body.Length > 0)
            {
                var (answer, media) = SdpOfferAnswer.CreateAnswer(SdpSession.Parse(Invite.BodyText), Media.LocalRtpEndPoint, Media.Codecs, SdpSessionId, NextSdpVersion());
                response.SetBody("application/sdp", answer.ToString());
                negotiated = media;
            }
            else
            {
                // §13.2.1: no offer in the INVITE, so the 2xx carries ours and the ACK the answer.
                ourOfferInAnswer = SdpOfferAnswer.CreateOffer(Media.LocalRtpEndPoint, Media.Codecs, SdpSessionId, NextSdpVersion());
                response.SetBody("application/sdp", ourOfferInAnswer.ToString());
            }
        }
        catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
        {
            LogBadSdp(Logger, Id, ex.Message);
            try
            {
                await transaction.SendResponseAsync(UserAgent.CreateResponse(Invite, SipStatus.NotAcceptableHere, localTag));
            }
            catch (InvalidOperationException)
            {
                // A CANCEL got its 487 out first; the call is over either way.
                await FinishAsync(CallEventKind.Failed, CallOutcome.Cancelled, "caller cancelled");
                return false;
            }
            await FinishAsync(CallEventKind.Failed, CallOutcome.CarrierError, "488 " + ex.Message);
            return false;
        }

        var dialog = SipDialog.CreateAsUas(Invite, localTag);
        Dialog = dialog;
        UserAgent.Track(this, dialog.Id);
        if (negotiated is not null) await ApplyMediaAsync(negotiated, cancellationToken: cancellationToken);
        // Armed before the 200 leaves: on a fast link the ACK can arrive before SendResponseAsync returns.
        lock (gate)
        {
            answerRetransmitter = new SuccessRetransmitter(Layer, response, transaction.ResponseDestination, () => _ = OnAckTimeoutAsync());
        }
        ringLimit.Dispose();
        try
        {
            await transaction.SendResponseAsync(response);
        }
        catch (InvalidOperationException)
        {
            // A CANCEL got its 487 out first; the call is over.
            lock (gate)
            {
                answerRetransmitter?.Dispose();
                answerRetransmitter = null;
            }
            await FinishAsync(CallEventKind.Failed, CallOutcome.Cancelled, "caller cancelled");
            return false;
        }
        return true;
    }

    /// <summary>Rejects the call with a final response (486 Busy Here by default).</summary>
    public async Task RejectAsync(int statusCode = SipStatus.BusyHere, CancellationToken cancellationToken = default)
    {
        if (statusCode < 300) throw new ArgumentOutOfRangeException(nameof(statusCode), "A rejection needs a 3xx-6xx status.");
        lock (gate)
        {
            if (transaction.HasFinalResponse || State == SipCallState.Ended) return;
        }
        try
        {
            await transaction.SendResponseAsync(UserAgent.CreateResponse(Invite, statusCode, localTag));
        }
        catch (InvalidOperationException)
        {
            // Answered or cancelled in the same instant: nothing left to reject.
            return;
        }
        await FinishAsync(CallEventKind.Failed, CallOutcomes.FromStatus(statusCode), $"rejected with {statusCode}");
    }

    public override async Task HangUpAsync(CancellationToken cancellationToken = default)
    {
        if (State is SipCallState.Answering)
        {
            // §15: no BYE on our 2xx before its ACK arrives or the wait for it times out.
            await acknowledged.Task.WaitAsync(cancellationToken);
        }
        if (State is SipCallState.Established or SipCallState.Answering)
        {
            await SendByeAsync(CallOutcome.Answered, "local hang-up", cancellationToken);
            return;
        }
        await RejectAsync(SipStatus.TemporarilyUnavailable, cancellationToken);
    }

    /// <summary>The caller sent CANCEL before we answered (RFC 3261 §9.2): 487 to the INVITE.</summary>
    internal async ValueTask OnCancelledAsync()
    {
        lock (gate)
        {
            if (transaction.HasFinalResponse || State == SipCallState.Ended) return;
        }
        try
        {
            await transaction.SendResponseAsync(UserAgent.CreateResponse(Invite, SipStatus.RequestTerminated, localTag));
        }
        catch (InvalidOperationException)
        {
            // We answered in the same instant; the caller will BYE after ACKing.
            return;
        }
        // Called on the receive path: do not wait for the sink or media to wrap up.
        _ = FinishAsync(CallEventKind.Failed, CallOutcome.Cancelled, "caller cancelled");
    }

    internal override async ValueTask OnAckAsync(SipRequest ack)
    {
        SuccessRetransmitter? retransmitter;
        lock (gate)
        {
            retransmitter = answerRetransmitter;
            if (retransmitter is null || retransmitter.CSeqNumber != ack.CSeq.Number)
            {
                retransmitter = null;
            }
            else
            {
                answerRetransmitter = null;
            }
        }
        if (retransmitter is null)
        {
            await base.OnAckAsync(ack);
            return;
        }
        retransmitter.Dispose();
        if (ourOfferInAnswer is not null)
        {
            try
            {
                await ApplyMediaAsync(SdpOfferAnswer.ReadAnswer(ourOfferInAnswer, SdpSession.Parse(ack.BodyText)));
            }
            catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
            {
                LogBadSdp(Logger, Id, ex.Message);
                await SendByeAsync(CallOutcome.CarrierError, "unusable SDP in ACK");
                acknowledged.TrySetResult();
                return;
            }
        }
        Dialog?.Confirm();
        State = SipCallState.Established;
        SetOutcome(CallOutcome.Answered);
        Emit(CallEventKind.Answered, CallOutcome.Answered);
        acknowledged.TrySetResult();
    }

    private async Task OnAckTimeoutAsync()
    {
        lock (gate) answerRetransmitter = null;
        await SendByeAsync(CallOutcome.CarrierError, "no ACK for 200 OK");
        acknowledged.TrySetResult();
    }

    // §12.1.1: a response that creates a dialog carries the request's Record-Route, so the caller
    // builds the same route set we did.
    private SipResponse DialogResponse(int status)
    {
        var response = UserAgent.CreateResponse(Invite, status, localTag);
        response.Headers.CopyFrom(Invite.Headers, SipHeaderNames.RecordRoute);
        return response;
    }

    private static SipAddress? TryParse(string value)
    {
        try
        {
            return SipAddress.Parse(value);
        }
        catch (SipParseException)
        {
            return null;
        }
    }
}
