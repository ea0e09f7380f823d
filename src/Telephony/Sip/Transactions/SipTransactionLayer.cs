using System.Collections.Concurrent;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>
/// The transaction layer (RFC 3261 §17): creates client and server transactions, matches
/// messages to them (§17.1.3, §17.2.3) and forgets them when they terminate.
/// </summary>
public sealed partial class SipTransactionLayer : ISipMessageHandler
{
    private readonly ConcurrentDictionary<string, SipClientTransaction> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipServerTransaction> servers = new(StringComparer.Ordinal);
    private readonly SipTransactionContext context;
    private readonly ILogger logger;
    private readonly int maxServerTransactions;
    private readonly int hardServerTransactionLimit;
    private readonly string retryAfter;
    private readonly SipLogThrottle overloadLog;
    private ISipTransactionUser? user;

    /// <param name="transport">The layer below.</param>
    /// <param name="timeProvider">The clock every timer runs on.</param>
    /// <param name="timers">T1, T2, T4 and Timer D.</param>
    /// <param name="logger">Where transaction events go.</param>
    /// <param name="maxServerTransactions">
    /// Beyond this many live server transactions new requests get a stateless 503 instead of state,
    /// so a flood cannot grow memory without bound. CANCELs and in-dialog requests, which end or
    /// steer calls we already carry, get a tenth more room (at least two) before they are refused too.
    /// </param>
    /// <param name="retryAfter">The Retry-After of those 503s (5 s when null).</param>
    public SipTransactionLayer(SipTransport transport, TimeProvider timeProvider, SipTimerOptions timers, ILogger<SipTransactionLayer> logger, int maxServerTransactions = 20_000, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxServerTransactions, 1);
        var wait = retryAfter ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));
        this.maxServerTransactions = maxServerTransactions;
        hardServerTransactionLimit = (int)Math.Min(int.MaxValue, (long)maxServerTransactions + Math.Max(2, maxServerTransactions / 10));
        // RFC 3261 §20.33: Retry-After is in whole seconds.
        this.retryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Transport = transport;
        this.logger = logger;
        context = new SipTransactionContext(transport, timeProvider, timers, logger);
        overloadLog = new SipLogThrottle(timeProvider, SipLogRateLimit.Default, (count, interval) => LogOverloadSuppressed(logger, count, interval));
    }

    public SipTransport Transport { get; }

    public SipTimerOptions Timers => context.Timers;

    public TimeProvider TimeProvider => context.TimeProvider;

    /// <summary>Live client transactions (for leak checks).</summary>
    public int ClientTransactionCount => clients.Count;

    /// <summary>Live server transactions (for leak checks).</summary>
    public int ServerTransactionCount => servers.Count;

    /// <summary>Starts the transport and delivers new requests and unmatched messages to <paramref name="transactionUser"/>.</summary>
    public void Start(ISipTransactionUser transactionUser)
    {
        if (user is not null) throw new InvalidOperationException("The transaction layer is already started.");
        user = transactionUser;
        Transport.Start(this);
    }

    /// <summary>
    /// Sends a request in a new client transaction. A request without Via gets one for the chosen
    /// transport with a fresh branch and rport; a CANCEL keeps the Via of its INVITE (§9.1).
    /// </summary>
    /// <param name="request">The request; Via is added when missing.</param>
    /// <param name="destination">The resolved next hop.</param>
    /// <param name="onProvisional">Receives 1xx responses; given here so none can arrive before it is attached.</param>
    public SipClientTransaction SendRequest(SipRequest request, SipRemote destination, Action<SipResponse>? onProvisional = null)
    {
        if (request.Method == SipMethods.Ack) throw new ArgumentException("ACK is not sent in a transaction; use SendStatelessAsync.", nameof(request));
        EnsureVia(request, destination);
        SipClientTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(context, request, destination, Forget)
            : new NonInviteClientTransaction(context, request, destination, Forget);
        if (onProvisional is not null) transaction.ProvisionalReceived += onProvisional;
        if (!clients.TryAdd(transaction.Key, transaction)) throw new InvalidOperationException($"A client transaction {transaction.Key} already exists.");
        transaction.Start();
        return transaction;
    }

    /// <summary>Sends a request outside any transaction: the ACK of a 2xx (§13.2.2.4, §17.1.1.1).</summary>
    public async ValueTask SendStatelessAsync(SipRequest request, SipRemote destination, CancellationToken cancellationToken = default)
    {
        EnsureVia(request, destination);
        await Transport.SendAsync(request, destination, cancellationToken);
    }

    /// <summary>Sends a response outside any transaction: the UAS core's 2xx retransmissions (§13.3.1.4).</summary>
    public ValueTask SendStatelessAsync(SipResponse response, SipRemote destination, CancellationToken cancellationToken = default) =>
        Transport.SendAsync(response, destination, cancellationToken);

    /// <summary>The INVITE server transaction a CANCEL refers to, or null (§9.2).</summary>
    public InviteServerTransaction? FindCancelTarget(SipRequest cancel) =>
        servers.TryGetValue(SipTransactionKey.ForCancelledInvite(cancel), out var tx) ? tx as InviteServerTransaction : null;

    async ValueTask ISipMessageHandler.OnRequestAsync(SipRequest request, SipRemote source)
    {
        var key = SipTransactionKey.ForServer(request);
        if (servers.TryGetValue(key, out var existing))
        {
            // RFC 6026 §8.7: an ACK that matches an Accepted INVITE transaction acknowledges the
            // 2xx, which is the user's business.
            if (request.Method == SipMethods.Ack && existing.State == SipTransactionState.Accepted)
            {
                await user!.OnAckAsync(request, source);
                return;
            }
            existing.OnRequest(request);
            return;
        }
        if (request.Method == SipMethods.Ack)
        {
            await user!.OnAckAsync(request, source);
            return;
        }

        var destination = await SipTransport.ResponseDestinationAsync(request.TopVia, source);
        if (IsOverloadedFor(request))
        {
            // RFC 3261 §21.5.4: overloaded; ask the client to come back later, keeping no state.
            if (overloadLog.TryEnter()) LogOverloaded(logger, request.Method, servers.Count);
            var busy = SipResponse.For(request, SipStatus.ServiceUnavailable);
            busy.Headers.Add("Retry-After", retryAfter);
            await Transport.SendAsync(busy, destination);
            return;
        }
        SipServerTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteServerTransaction(context, request, source, destination, Forget)
            : new NonInviteServerTransaction(context, request, source, destination, Forget);
        if (!servers.TryAdd(key, transaction))
        {
            // A retransmission raced the original: let the winner absorb it.
            if (servers.TryGetValue(key, out existing)) existing.OnRequest(request);
            return;
        }
        LogServerTransaction(logger, request.Method, key);
        if (transaction is InviteServerTransaction)
        {
            // §17.2.1: answer 100 at once so the client stops retransmitting; the user may take longer.
            await transaction.SendResponseAsync(SipResponse.For(request, SipStatus.Trying));
        }
        await user!.OnRequestAsync(transaction);
    }

    async ValueTask ISipMessageHandler.OnResponseAsync(SipResponse response, SipRemote source)
    {
        if (clients.TryGetValue(SipTransactionKey.ForClient(response), out var transaction))
        {
            transaction.OnResponse(response);
            return;
        }
        await user!.OnStrayResponseAsync(response, source);
    }

    // New work (an initial INVITE, any out-of-dialog request) stops at the soft limit; a CANCEL or
    // an in-dialog request (BYE, re-INVITE) concerns a call we already carry, often ends it and so
    // frees state, so it may use the headroom above it.
    private bool IsOverloadedFor(SipRequest request)
    {
        var count = servers.Count;
        if (count < maxServerTransactions) return false;
        if (count >= hardServerTransactionLimit) return true;
        return !(request.Method == SipMethods.Cancel || request.To.Tag is not null);
    }

    private void EnsureVia(SipRequest request, SipRemote destination)
    {
        if (request.Headers.Contains(SipHeaderNames.Via)) return;
        var local = Transport.LocalEndPoint(destination.Protocol);
        var via = new SipVia(destination.Protocol.ToString(), SipUri.FormatHost(local.Address), local.Port, SipVia.NewBranch());
        // RFC 3581: ask the peer to answer to the port we really sent from.
        via.Parameters.Set("rport", null);
        request.Headers.AddFirst(SipHeaderNames.Via, via.ToString());
    }

    private void Forget(SipTransaction transaction)
    {
        var removed = transaction switch
        {
            SipClientTransaction c => clients.TryRemove(new KeyValuePair<string, SipClientTransaction>(c.Key, c)),
            SipServerTransaction s => servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(s.Key, s)),
            _ => false,
        };
        if (removed) LogTerminated(logger, transaction.Request.Method, transaction.Key);
    }
}
