using System.Collections.Concurrent;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip.Dialogs;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// The UA core (RFC 3261 §8, §12–15): places outbound calls, hands inbound INVITEs to
/// <see cref="IncomingCall"/>, routes in-dialog requests to their call, answers OPTIONS and
/// CANCEL, and refuses what it does not implement with 405 or 501.
/// </summary>
public sealed partial class SipUserAgent : ISipTransactionUser
{
    private const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO";

    private readonly ConcurrentDictionary<SipDialogId, SipCall> dialogs = new();
    private readonly ConcurrentDictionary<string, SipCall> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipInboundCall> ringing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipOutboundCall> outboundBySipCallId = new(StringComparer.Ordinal);

    public SipUserAgent(SipTransactionLayer layer, IMediaEndpointFactory mediaFactory, SipUserAgentOptions options, ILogger<SipUserAgent> logger)
    {
        Layer = layer;
        MediaFactory = mediaFactory;
        Options = options;
        Logger = logger;
    }

    /// <summary>
    /// Called for each new inbound call, off the receive path. The handler rings, answers or
    /// rejects; without a handler calls are rejected with 480.
    /// </summary>
    public Func<SipInboundCall, Task>? IncomingCall { get; set; }

    /// <summary>Receives the progress events of inbound calls.</summary>
    public ICallEventSink? InboundCallEvents { get; set; }

    public SipUserAgentOptions Options { get; }

    /// <summary>Calls not yet ended.</summary>
    public int ActiveCallCount => calls.Count;

    internal SipTransactionLayer Layer { get; }

    internal IMediaEndpointFactory MediaFactory { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider => Layer.TimeProvider;

    internal string LocalHost => SipUri.FormatHost(Layer.Transport.LocalEndPoint(Layer.Transport.DefaultProtocol).Address);

    /// <summary>Starts receiving.</summary>
    public void Start() => Layer.Start(this);

    /// <summary>
    /// Places a call. Returns once the INVITE is on its way; progress arrives at
    /// <paramref name="events"/>, and the returned call's <see cref="SipOutboundCall.Setup"/> and
    /// <see cref="SipCall.Ended"/> complete with the outcome.
    /// </summary>
    public async Task<SipOutboundCall> PlaceCallAsync(SipCallRequest request, ICallEventSink? events = null, CancellationToken cancellationToken = default)
    {
        var call = new SipOutboundCall(this, request, events);
        if (!calls.TryAdd(call.Id, call)) throw new InvalidOperationException($"A call with id {call.Id} is already active.");
        outboundBySipCallId[call.SipCallId] = call;
        try
        {
            await call.StartAsync(cancellationToken);
        }
        catch
        {
            calls.TryRemove(call.Id, out _);
            outboundBySipCallId.TryRemove(call.SipCallId, out _);
            if (call.Media is { } media) await media.DisposeAsync();
            throw;
        }
        return call;
    }

    /// <summary>A REGISTER binding for our address of record; call <see cref="SipRegistration.RegisterAsync"/> to start it.</summary>
    public SipRegistration CreateRegistration(SipRegistrationOptions registration) => new(this, registration);

    /// <summary>
    /// Sends an out-of-dialog OPTIONS (RFC 3261 §11) to check that a trunk or peer is alive.
    /// Returns its final response; a local 408 or 503 when it did not answer or was unreachable.
    /// </summary>
    public async Task<SipResponse> PingAsync(SipUri target, CancellationToken cancellationToken = default)
    {
        var request = new SipRequest(SipMethods.Options, target);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.From = new SipAddress(new SipUri(Options.FromHost ?? LocalHost, Options.ContactUser)).WithTag(SipOutboundCall.NewTag());
        request.To = new SipAddress(target);
        request.CallId = $"{Guid.NewGuid():N}@{LocalHost}";
        request.CSeq = new SipCSeq(1, SipMethods.Options);
        request.Headers.Add(SipHeaderNames.Contact, ContactFor(target).ToString());
        request.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        Decorate(request);
        var destination = await Layer.Transport.ResolveAsync(Options.OutboundProxy ?? target, cancellationToken);
        return await Layer.SendRequest(request, destination).FinalResponse.WaitAsync(cancellationToken);
    }

    /// <summary>A live call by our id, or null.</summary>
    public SipCall? FindCall(string id) => calls.GetValueOrDefault(id);

    async ValueTask ISipTransactionUser.OnRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Method == SipMethods.Cancel)
        {
            await OnCancelAsync(transaction);
            return;
        }
        if (request.Headers.GetAll(SipHeaderNames.Require) is { Count: > 0 } required)
        {
            // §8.2.2.3: we implement no option tags, so any Require gets 420 naming them.
            var bad = CreateResponse(request, 420, SipOutboundCall.NewTag(), "Bad Extension");
            bad.Headers.Add(SipHeaderNames.Unsupported, string.Join(", ", required));
            await transaction.SendResponseAsync(bad);
            return;
        }
        if (request.Method == SipMethods.Invite && UnsupportedBody(request) is { } unsupported)
        {
            await transaction.SendResponseAsync(unsupported);
            return;
        }
        if (request.To.Tag is { } toTag)
        {
            // §12.2.2: a request with a To tag belongs to a dialog, or gets 481.
            var id = new SipDialogId(request.CallId, toTag, request.From.Tag ?? string.Empty);
            if (dialogs.TryGetValue(id, out var call)) await call.OnInDialogRequestAsync(transaction);
            else await transaction.SendResponseAsync(CreateResponse(request, SipStatus.CallDoesNotExist, null));
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Invite:
                await OnInviteAsync((InviteServerTransaction)transaction);
                break;
            case SipMethods.Options:
                var ok = CreateResponse(request, SipStatus.Ok, SipOutboundCall.NewTag());
                ok.Headers.Add(SipHeaderNames.Accept, "application/sdp");
                await transaction.SendResponseAsync(ok);
                break;
            case SipMethods.Bye:
                await transaction.SendResponseAsync(CreateResponse(request, SipStatus.CallDoesNotExist, SipOutboundCall.NewTag()));
                break;
            default:
                await RespondUnsupportedAsync(transaction);
                break;
        }
    }

    ValueTask ISipTransactionUser.OnAckAsync(SipRequest ack, SipRemote source)
    {
        var id = new SipDialogId(ack.CallId, ack.To.Tag ?? string.Empty, ack.From.Tag ?? string.Empty);
        return dialogs.TryGetValue(id, out var call) ? call.OnAckAsync(ack) : ValueTask.CompletedTask;
    }

    ValueTask ISipTransactionUser.OnStrayResponseAsync(SipResponse response, SipRemote source)
    {
        if (!response.IsSuccess || response.CSeq.Method != SipMethods.Invite) return ValueTask.CompletedTask;
        var id = new SipDialogId(response.CallId, response.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty);
        if (dialogs.TryGetValue(id, out var call)) return call.OnStraySuccessAsync(response);
        // §13.2.2.4: a 2xx from another fork of our INVITE creates a dialog we do not want.
        return outboundBySipCallId.TryGetValue(response.CallId, out var outbound) ? outbound.OnForkedSuccessAsync(response) : ValueTask.CompletedTask;
    }

    private async ValueTask OnInviteAsync(InviteServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Contact is null)
        {
            await transaction.SendResponseAsync(CreateResponse(request, SipStatus.BadRequest, SipOutboundCall.NewTag(), "Missing Contact"));
            return;
        }
        var handler = IncomingCall;
        if (handler is null)
        {
            await transaction.SendResponseAsync(CreateResponse(request, SipStatus.TemporarilyUnavailable, SipOutboundCall.NewTag()));
            return;
        }
        var call = new SipInboundCall(this, transaction, InboundCallEvents);
        calls.TryAdd(call.Id, call);
        ringing.TryAdd(transaction.Key, call);
        _ = transaction.Terminated.ContinueWith(_ => ringing.TryRemove(transaction.Key, out var _), TaskScheduler.Default);
        _ = Task.Run(async () =>
        {
            try
            {
                await handler(call);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(Logger, ex, call.Id);
                await call.RejectAsync(SipStatus.ServerInternalError);
            }
        });
    }

    // RFC 3261 §9.2: 200 to the CANCEL, then 487 to the INVITE if it is still unanswered.
    private async ValueTask OnCancelAsync(SipServerTransaction transaction)
    {
        var target = Layer.FindCancelTarget(transaction.Request);
        if (target is null)
        {
            await transaction.SendResponseAsync(CreateResponse(transaction.Request, SipStatus.CallDoesNotExist, null));
            return;
        }
        target.IsCancelled = true;
        await transaction.SendResponseAsync(CreateResponse(transaction.Request, SipStatus.Ok, null));
        if (ringing.TryGetValue(target.Key, out var call))
        {
            await call.OnCancelledAsync();
        }
        else if (!target.HasFinalResponse)
        {
            try
            {
                await target.SendResponseAsync(CreateResponse(target.Request, SipStatus.RequestTerminated, SipOutboundCall.NewTag()));
            }
            catch (InvalidOperationException)
            {
                // Its final response went out meanwhile; the CANCEL came too late (§9.2), and its 200 is already sent.
            }
        }
    }

    // RFC 3261 §8.2.3: a body we cannot process gets 415 saying what we do accept. An INVITE's
    // body is its offer, and SDP is the only session description we speak (RFC 3264).
    private SipResponse? UnsupportedBody(SipRequest request)
    {
        if (request.Body.IsEmpty) return null;
        if (request.Headers.Get(SipHeaderNames.ContentEncoding) is { } encoding && !encoding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            var response = CreateResponse(request, SipStatus.UnsupportedMediaType, SipOutboundCall.NewTag());
            response.Headers.Add("Accept-Encoding", "identity");
            response.Headers.Add(SipHeaderNames.Accept, "application/sdp");
            return response;
        }
        var type = request.ContentType;
        var mediaType = type is null ? string.Empty : type.Split(';', 2)[0].Trim();
        if (mediaType.Equals("application/sdp", StringComparison.OrdinalIgnoreCase)) return null;
        var refusal = CreateResponse(request, SipStatus.UnsupportedMediaType, SipOutboundCall.NewTag());
        refusal.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        return refusal;
    }

    /// <summary>405 with Allow for methods we know but do not serve, 501 for unknown ones (§8.2.1, §21.5.2).</summary>
    internal ValueTask RespondUnsupportedAsync(SipServerTransaction transaction)
    {
        var known = SipMethods.IsKnown(transaction.Request.Method);
        var response = CreateResponse(transaction.Request, known ? SipStatus.MethodNotAllowed : SipStatus.NotImplemented, SipOutboundCall.NewTag());
        return transaction.SendResponseAsync(response);
    }

    /// <summary>A response per §8.2.6 with our Server and Allow headers.</summary>
    internal SipResponse CreateResponse(SipRequest request, int status, string? toTag, string? reason = null)
    {
        var response = SipResponse.For(request, status, toTag, reason);
        response.Headers.Add(SipHeaderNames.Server, Options.Product);
        if (status is SipStatus.Ok or SipStatus.MethodNotAllowed or SipStatus.NotImplemented) response.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
        return response;
    }

    /// <summary>Adds the headers every request of ours carries.</summary>
    internal void Decorate(SipRequest request)
    {
        request.Headers.Set(SipHeaderNames.UserAgent, Options.Product);
        if (request.Method == SipMethods.Invite) request.Headers.Set(SipHeaderNames.Allow, AllowedMethods);
    }

    /// <summary>Our Contact for requests to <paramref name="target"/> (transport chosen from the URI).</summary>
    internal SipAddress ContactFor(SipUri target) =>
        ContactFor(target.Transport == "tcp" ? SipProtocol.Tcp : Layer.Transport.DefaultProtocol);

    internal SipAddress ContactFor(SipProtocol protocol) =>
        new(SipUri.ForEndPoint(Layer.Transport.LocalEndPoint(protocol), Options.ContactUser, protocol == SipProtocol.Tcp ? "tcp" : null));

    /// <summary>
    /// The next hop for an in-dialog request: the route set or remote target, or the outbound
    /// proxy when the dialog has no route set (§8.1.2).
    /// </summary>
    internal ValueTask<SipRemote> ResolveInDialogAsync(SipDialog dialog, CancellationToken cancellationToken = default) =>
        Layer.Transport.ResolveAsync(dialog.RouteSet.Count == 0 && Options.OutboundProxy is { } proxy ? proxy : dialog.NextHop, cancellationToken);

    internal void Track(SipCall call, SipDialogId id) => dialogs[id] = call;

    internal void Forget(SipCall call)
    {
        calls.TryRemove(new KeyValuePair<string, SipCall>(call.Id, call));
        if (call is SipOutboundCall outbound) outboundBySipCallId.TryRemove(new KeyValuePair<string, SipOutboundCall>(outbound.SipCallId, outbound));
        if (call.Dialog is { } dialog) dialogs.TryRemove(new KeyValuePair<SipDialogId, SipCall>(dialog.Id, call));
    }
}
