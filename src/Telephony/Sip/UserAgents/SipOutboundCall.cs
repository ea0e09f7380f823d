using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Dialogs;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// An outbound call (the UAC side): INVITE with an SDP offer, progress through 100/180/183, the
/// answer or a final failure mapped to a <see cref="CallOutcome"/>, one round of digest
/// authentication, CANCEL on ring timeout or hang-up, and ACK of the 2xx.
/// </summary>
public sealed class SipOutboundCall : SipCall
{
    private readonly SipCallRequest request;
    private readonly object gate = new();
    private readonly string sipCallId;
    private readonly string localTag = NewTag();
    private SdpSession? offer;
    private SipRequest? currentInvite;
    private SipClientTransaction? inviteTransaction;
    private SipRemote destination;
    private ITimer? ringTimer;
    private ITimer? cancelGuard;
    private bool provisionalSeen;
    private bool dialingReported;
    private bool ringingReported;
    private bool cancelRequested;
    private bool cancelSent;
    private bool ringTimedOut;
    private bool hangUpWhileAnswering;
    private SipRequest? ack;
    private SipRemote ackDestination;

    internal SipOutboundCall(SipUserAgent userAgent, SipCallRequest request, ICallEventSink? sink)
        : base(userAgent, request.CallId ?? Guid.NewGuid().ToString("N"), sink)
    {
        this.request = request;
        sipCallId = $"{Guid.NewGuid():N}@{userAgent.LocalHost}";
    }

    public override string SipCallId => sipCallId;

    /// <summary>Where the call goes.</summary>
    public SipUri Destination => request.Destination;

    /// <summary>The final response to the INVITE, once there is one.</summary>
    public SipResponse? FinalResponse { get; private set; }

    /// <summary>Completes when the INVITE reaches a result: Answered, or the failure outcome.</summary>
    public Task<CallOutcome> Setup => setup.Task;

    private readonly TaskCompletionSource<CallOutcome> setup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource ackSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        Media = await UserAgent.MediaFactory.CreateAsync(Id, cancellationToken);
        offer = SdpOfferAnswer.CreateOffer(Media.LocalRtpEndPoint, Media.Codecs, SdpSessionId, NextSdpVersion());
        destination = await Layer.Transport.ResolveAsync(UserAgent.Options.OutboundProxy ?? request.Destination, cancellationToken);
        var invite = BuildInvite(1, null, null);
        var ringTimeout = request.RingTimeout ?? UserAgent.Options.DefaultRingTimeout;
        ringTimer = UserAgent.TimeProvider.CreateTimer(_ => OnRingTimeout(), null, ringTimeout, Timeout.InfiniteTimeSpan);
        _ = RunGuardedAsync(invite);
    }

    // The INVITE runs in the background; whatever goes wrong must still end the call and be logged.
    private async Task RunGuardedAsync(SipRequest invite)
    {
        try
        {
            await RunInviteAsync(invite);
        }
        catch (Exception ex)
        {
            LogCallFailed(Logger, ex, Id);
            setup.TrySetResult(CallOutcome.CarrierError);
            await SendByeAsync(CallOutcome.CarrierError, "internal error: " + ex.Message);
        }
    }

    public override async Task HangUpAsync(CancellationToken cancellationToken = default)
    {
        bool established;
        lock (gate)
        {
            established = State is SipCallState.Established;
            if (!established && FinalResponse is null) RequestCancel();
            // A 2xx is being processed: the answer path sees this flag and ends with BYE.
            else if (!established) hangUpWhileAnswering = true;
        }
        if (established)
        {
            // Our BYE must not overtake the ACK of the 2xx.
            await ackSent.Task.WaitAsync(cancellationToken);
            await SendByeAsync(CallOutcome.Answered, "local hang-up", cancellationToken);
        }
    }

    private async Task RunInviteAsync(SipRequest invite)
    {
        var authenticated = false;
        while (true)
        {
            SipClientTransaction transaction;
            lock (gate)
            {
                currentInvite = invite;
                // A CANCEL must follow a provisional response to this INVITE, not to the challenged one (§9.1).
                provisionalSeen = false;
                transaction = Layer.SendRequest(invite, destination, OnProvisional);
                inviteTransaction = transaction;
            }
            var response = await transaction.FinalResponse;
            if (response.StatusCode is SipStatus.Unauthorized or SipStatus.ProxyAuthenticationRequired && !authenticated && !cancelRequested
                && TryAuthenticate(invite, response) is { } retry)
            {
                // RFC 3261 §22.2: answer a challenge once; a second challenge means the credentials are wrong.
                authenticated = true;
                invite = retry;
                continue;
            }
            await OnFinalAsync(invite, response);
            return;
        }
    }

    private SipRequest? TryAuthenticate(SipRequest invite, SipResponse challengeResponse)
    {
        if (UserAgent.Options.Credentials is not { } credentials) return null;
        var challenge = DigestAuthenticator.Choose(DigestAuthenticator.ChallengesOf(challengeResponse));
        if (challenge is null || (credentials.Realm is { } realm && realm != challenge.Realm)) return null;
        var uri = invite.RequestUri.ToString();
        var value = DigestAuthenticator.CreateAuthorization(challenge, credentials, SipMethods.Invite, uri, default, NewTag());
        var header = challengeResponse.StatusCode == SipStatus.Unauthorized ? SipHeaderNames.Authorization : SipHeaderNames.ProxyAuthorization;
        return BuildInvite(invite.CSeq.Number + 1, header, value);
    }

    private SipRequest BuildInvite(long cseq, string? authHeader, string? authValue)
    {
        var options = UserAgent.Options;
        var host = options.FromHost ?? UserAgent.LocalHost;
        var invite = new SipRequest(SipMethods.Invite, request.Destination);
        invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
        if (options.OutboundProxy is { } proxy)
        {
            var route = proxy.Clone();
            route.Parameters.Set("lr", null);
            invite.Headers.Add(SipHeaderNames.Route, new SipAddress(route).ToString());
        }
        var callerUri = new SipUri(host, request.CallerId);
        invite.From = new SipAddress(callerUri, request.CallerDisplayName).WithTag(localTag);
        invite.To = new SipAddress(request.Destination);
        invite.CallId = sipCallId;
        invite.CSeq = new SipCSeq(cseq, SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, UserAgent.ContactFor(request.Destination).ToString());
        // RFC 3325: the caller ID a trusted carrier presents to the callee.
        if (options.AssertIdentity) invite.Headers.Add(SipHeaderNames.PAssertedIdentity, new SipAddress(callerUri, request.CallerDisplayName).ToString());
        if (authHeader is not null) invite.Headers.Add(authHeader, authValue!);
        UserAgent.Decorate(invite);
        invite.SetBody("application/sdp", offer!.ToString());
        return invite;
    }

    private void OnProvisional(SipResponse response)
    {
        lock (gate)
        {
            if (FinalResponse is not null) return;
            provisionalSeen = true;
            if (!dialingReported)
            {
                dialingReported = true;
                State = SipCallState.Calling;
                Emit(CallEventKind.Dialing);
            }
            if (response.StatusCode > 100 && !ringingReported)
            {
                ringingReported = true;
                State = SipCallState.Ringing;
                Emit(CallEventKind.Ringing, detail: $"{response.StatusCode} {response.ReasonPhrase}");
            }
            // §9.1: a CANCEL waits for a provisional response; ours can go now.
            if (cancelRequested && !cancelSent) SendCancel();
        }
        if (response.StatusCode > 100 && response.Body.Length > 0 && IsSdp(response)) _ = ApplyEarlyMediaAsync(response);
    }

    private async Task ApplyEarlyMediaAsync(SipResponse response)
    {
        try
        {
            var early = SdpOfferAnswer.ReadAnswer(offer!, SdpSession.Parse(response.BodyText));
            await ApplyMediaAsync(early, stillCurrent: () => FinalResponse is null);
        }
        catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
        {
            LogBadSdp(Logger, Id, ex.Message);
        }
        catch (Exception ex)
        {
            // Early media is best effort; the answer will negotiate again.
            LogCallFailed(Logger, ex, Id);
        }
    }

    private async Task OnFinalAsync(SipRequest invite, SipResponse response)
    {
        bool cancelled;
        lock (gate)
        {
            FinalResponse = response;
            ringTimer?.Dispose();
            cancelGuard?.Dispose();
            cancelled = cancelRequested;
        }
        if (!response.IsSuccess)
        {
            var outcome = CallOutcomes.FromStatus(response.StatusCode, ringTimedOut);
            // After our CANCEL, a timeout or an unanswered challenge says nothing about the callee.
            if (cancelled && response.StatusCode is SipStatus.RequestTimeout or SipStatus.Unauthorized or SipStatus.ProxyAuthenticationRequired)
            {
                outcome = ringTimedOut ? CallOutcome.NoAnswer : CallOutcome.Cancelled;
            }
            setup.TrySetResult(outcome);
            await FinishAsync(CallEventKind.Failed, outcome, $"{response.StatusCode} {response.ReasonPhrase}");
            return;
        }

        var dialog = SipDialog.CreateAsUac(invite, response);
        Dialog = dialog;
        UserAgent.Track(this, dialog.Id);
        State = SipCallState.Answering;

        if (cancelled)
        {
            // The answer crossed our CANCEL: the call exists now, so it must be ended with BYE (§9.1).
            await SendAckAsync(invite, dialog);
            var outcome = ringTimedOut ? CallOutcome.NoAnswer : CallOutcome.Cancelled;
            setup.TrySetResult(outcome);
            await SendByeAsync(outcome, "answered after CANCEL");
            return;
        }
        try
        {
            if (!IsSdp(response)) throw new SdpNegotiationException("The 2xx carries no SDP answer.");
            await ApplyMediaAsync(SdpOfferAnswer.ReadAnswer(offer!, SdpSession.Parse(response.BodyText)));
        }
        catch (Exception ex) when (ex is SdpParseException or SdpNegotiationException)
        {
            // §13.2.2.4: an unacceptable answer is ACKed and then the call is ended with BYE.
            LogBadSdp(Logger, Id, ex.Message);
            await SendAckAsync(invite, dialog);
            setup.TrySetResult(CallOutcome.CarrierError);
            await SendByeAsync(CallOutcome.CarrierError, "unusable SDP answer: " + ex.Message);
            return;
        }

        // Established before the ACK leaves: the callee may BYE as soon as it has the ACK (§15),
        // and that BYE must find an answered call.
        bool hangUp;
        lock (gate)
        {
            State = SipCallState.Established;
            hangUp = hangUpWhileAnswering;
        }
        SetOutcome(CallOutcome.Answered);
        Emit(CallEventKind.Answered, CallOutcome.Answered, $"{response.StatusCode} {response.ReasonPhrase}");
        await SendAckAsync(invite, dialog);
        setup.TrySetResult(CallOutcome.Answered);
        if (hangUp) await SendByeAsync(CallOutcome.Answered, "local hang-up");
    }

    private async Task SendAckAsync(SipRequest invite, SipDialog dialog)
    {
        var ackRequest = dialog.CreateAck(invite.CSeq.Number, UserAgent.ContactFor(request.Destination));
        UserAgent.Decorate(ackRequest);
        // §22.1: the ACK of a 2xx carries the same credentials as its INVITE.
        foreach (var name in new[] { SipHeaderNames.Authorization, SipHeaderNames.ProxyAuthorization })
        {
            if (invite.Headers.Get(name) is { } value) ackRequest.Headers.Add(name, value);
        }
        try
        {
            var target = await UserAgent.ResolveInDialogAsync(dialog);
            lock (gate)
            {
                ack = ackRequest;
                ackDestination = target;
            }
            await Layer.SendStatelessAsync(ackRequest, target);
        }
        finally
        {
            ackSent.TrySetResult();
        }
    }

    internal override async ValueTask OnStraySuccessAsync(SipResponse response)
    {
        // A retransmitted 2xx means our ACK was lost: send the same ACK again (§13.2.2.4).
        SipRequest? pending;
        SipRemote target;
        lock (gate)
        {
            pending = ack;
            target = ackDestination;
        }
        if (pending is not null && response.CSeq.Number == pending.CSeq.Number) await Layer.SendStatelessAsync(pending, target);
    }

    /// <summary>
    /// A 2xx from a fork other than the one we kept (§13.2.2.4): acknowledge it so it stops
    /// retransmitting, then end that second dialog with BYE.
    /// </summary>
    internal async ValueTask OnForkedSuccessAsync(SipResponse response)
    {
        SipRequest? invite;
        SipResponse? accepted;
        lock (gate)
        {
            invite = currentInvite;
            accepted = FinalResponse;
        }
        if (invite is null || response.From.Tag != localTag || response.To.Tag is null || response.CSeq.Number != invite.CSeq.Number) return;
        // Until our own 2xx is processed, or when this is a retransmission of it, it is no fork:
        // the ACK for the kept dialog goes out (again) through the normal path.
        if (accepted is null || accepted.To.Tag == response.To.Tag)
        {
            if (accepted is not null) await OnStraySuccessAsync(response);
            return;
        }
        var fork = SipDialog.CreateAsUac(invite, response);
        var target = await UserAgent.ResolveInDialogAsync(fork);
        var forkAck = fork.CreateAck(invite.CSeq.Number);
        UserAgent.Decorate(forkAck);
        await Layer.SendStatelessAsync(forkAck, target);
        var bye = fork.CreateRequest(SipMethods.Bye);
        UserAgent.Decorate(bye);
        Layer.SendRequest(bye, target);
    }

    private void OnRingTimeout()
    {
        lock (gate)
        {
            if (FinalResponse is not null) return;
            ringTimedOut = true;
            RequestCancel();
        }
    }

    // Call under gate.
    private void RequestCancel()
    {
        if (cancelRequested) return;
        cancelRequested = true;
        if (provisionalSeen) SendCancel();
        // §9.1: if the INVITE still has no final response 64·T1 after CANCEL, give up on it.
        cancelGuard = UserAgent.TimeProvider.CreateTimer(_ => inviteTransaction?.Abandon(), null, Layer.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
    }

    // Call under gate. §9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via as the INVITE.
    private void SendCancel()
    {
        cancelSent = true;
        var invite = currentInvite!;
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri);
        cancel.Headers.Add(SipHeaderNames.Via, invite.Headers.Get(SipHeaderNames.Via)!);
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        cancel.Headers.CopyFrom(invite.Headers, SipHeaderNames.Route);
        cancel.Headers.CopyFrom(invite.Headers, SipHeaderNames.From);
        cancel.Headers.CopyFrom(invite.Headers, SipHeaderNames.To);
        cancel.Headers.CopyFrom(invite.Headers, SipHeaderNames.CallId);
        cancel.CSeq = new SipCSeq(invite.CSeq.Number, SipMethods.Cancel);
        UserAgent.Decorate(cancel);
        Layer.SendRequest(cancel, destination);
    }

    private static bool IsSdp(SipMessage message) =>
        message.ContentType is { } type && type.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase);

    internal static string NewTag() => Guid.NewGuid().ToString("N")[..12];
}
