using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.Dialogs;

/// <summary>
/// Dialog state (RFC 3261 §12): identifiers, sequence numbers, the route set and the remote
/// target, and the rules for building requests inside the dialog (§12.2.1.1).
/// </summary>
public sealed class SipDialog
{
    private readonly object gate = new();
    private readonly List<SipAddress> routeSet;
    private long localSequence;

    private SipDialog(string callId, SipAddress local, SipAddress remote, SipUri remoteTarget, IEnumerable<SipAddress> routeSet, long localSequence, long? remoteSequence, SipDialogState state)
    {
        Id = new SipDialogId(callId, local.Tag ?? throw new ArgumentException("The local party needs a tag."), remote.Tag ?? string.Empty);
        LocalParty = local;
        RemoteParty = remote;
        RemoteTarget = remoteTarget;
        this.routeSet = routeSet.ToList();
        this.localSequence = localSequence;
        RemoteSequence = remoteSequence;
        State = state;
    }

    public SipDialogId Id { get; }

    public string CallId => Id.CallId;

    /// <summary>Our From in requests we send (our To in requests we receive), with our tag.</summary>
    public SipAddress LocalParty { get; }

    /// <summary>The peer's address with its tag.</summary>
    public SipAddress RemoteParty { get; }

    /// <summary>Where in-dialog requests go: the peer's Contact, refreshed by re-INVITE (§12.2).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>The Record-Route derived route set, fixed at dialog creation (§12.1.1, §12.1.2).</summary>
    public IReadOnlyList<SipAddress> RouteSet => routeSet;

    public long LocalSequence => Interlocked.Read(ref localSequence);

    /// <summary>The highest CSeq seen from the peer, or null before its first request.</summary>
    public long? RemoteSequence { get; private set; }

    public SipDialogState State { get; private set; }

    /// <summary>
    /// The UAC side (§12.1.2): route set is Record-Route reversed, remote target the response's
    /// Contact, local sequence the INVITE's CSeq.
    /// </summary>
    public static SipDialog CreateAsUac(SipRequest invite, SipResponse response)
    {
        var contact = response.Contact?.Uri ?? invite.RequestUri;
        var routes = response.RecordRoutes.Reverse();
        var state = response.IsSuccess ? SipDialogState.Confirmed : SipDialogState.Early;
        return new SipDialog(invite.CallId, invite.From, response.To, contact, routes, invite.CSeq.Number, null, state);
    }

    /// <summary>
    /// The UAS side (§12.1.1): route set is Record-Route in order, remote target the request's
    /// Contact, remote sequence the request's CSeq; our tag goes into To.
    /// </summary>
    public static SipDialog CreateAsUas(SipRequest invite, string localTag, long initialLocalSequence = 0)
    {
        var contact = invite.Contact?.Uri ?? throw new SipParseException("An INVITE must carry a Contact (§8.1.1.8).");
        return new SipDialog(invite.CallId, invite.To.WithTag(localTag), invite.From, contact, invite.RecordRoutes, initialLocalSequence, invite.CSeq.Number, SipDialogState.Early);
    }

    public void Confirm()
    {
        lock (gate)
        {
            if (State == SipDialogState.Early) State = SipDialogState.Confirmed;
        }
    }

    public void Terminate()
    {
        lock (gate) State = SipDialogState.Terminated;
    }

    /// <summary>A target refresh (re-INVITE or its 2xx) replaces the remote target (§12.2.1.2, §12.2.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        if (message.Contact is { } contact)
        {
            lock (gate) RemoteTarget = contact.Uri;
        }
    }

    /// <summary>
    /// Checks and records the CSeq of a request from the peer (§12.2.2): a lower number than
    /// one already seen is out of order and must get 500.
    /// </summary>
    public bool TryAcceptRemoteSequence(long cseq)
    {
        lock (gate)
        {
            if (RemoteSequence is { } seen && cseq <= seen) return false;
            RemoteSequence = cseq;
            return true;
        }
    }

    /// <summary>Builds a request inside the dialog with the next CSeq (§12.2.1.1).</summary>
    public SipRequest CreateRequest(string method, SipAddress? contact = null)
    {
        if (method is SipMethods.Ack or SipMethods.Cancel) throw new ArgumentException("ACK and CANCEL reuse an existing CSeq.", nameof(method));
        return Build(method, Interlocked.Increment(ref localSequence), contact);
    }

    /// <summary>The ACK of a 2xx: a new transaction-less request with the INVITE's CSeq number (§13.2.2.4).</summary>
    public SipRequest CreateAck(long inviteSequence, SipAddress? contact = null) => Build(SipMethods.Ack, inviteSequence, contact);

    /// <summary>The next hop: the first route when the route set is not empty, else the remote target.</summary>
    public SipUri NextHop => routeSet.Count > 0 ? routeSet[0].Uri : RemoteTarget;

    private SipRequest Build(string method, long cseq, SipAddress? contact)
    {
        SipUri requestUri;
        IEnumerable<SipAddress> routes;
        if (routeSet.Count == 0)
        {
            requestUri = RemoteTarget;
            routes = [];
        }
        else if (routeSet[0].Uri.IsLooseRouter)
        {
            requestUri = RemoteTarget;
            routes = routeSet;
        }
        else
        {
            // §12.2.1.1 strict routing: the first route becomes the Request-URI and the remote
            // target goes last in the Route header.
            requestUri = routeSet[0].Uri.Clone();
            requestUri.Parameters.Remove("method");
            routes = routeSet.Skip(1).Append(new SipAddress(RemoteTarget));
        }

        var request = new SipRequest(method, requestUri);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in routes) request.Headers.Add(SipHeaderNames.Route, route.ToString());
        request.From = LocalParty;
        request.To = RemoteParty;
        request.CallId = CallId;
        request.CSeq = new SipCSeq(cseq, method);
        if (contact is not null) request.Headers.Set(SipHeaderNames.Contact, contact.ToString());
        return request;
    }
}
