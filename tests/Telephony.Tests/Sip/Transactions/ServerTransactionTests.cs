using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.Transactions;

public sealed class ServerTransactionTests
{
    [Fact]
    public async Task InviteServer_Sends100AndAbsorbsRetransmittedInvite()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest("INVITE");

        await h.InjectAsync(invite);
        await h.InjectAsync(invite);

        var tx = Assert.Single(h.NewRequests);
        Assert.IsType<InviteServerTransaction>(tx);
        Assert.Equal(2, h.SentCount("SIP/2.0 100"));
        Assert.Equal(1, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task InviteServer_FailureResponse_RetransmitsOnTimerGUntilAck_ThenTimerI()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest("INVITE");
        await h.InjectAsync(invite);
        var tx = Assert.Single(h.NewRequests);

        await tx.SendResponseAsync(SipResponse.For(invite, 486, "local1"));
        // Timer G at 0.5, 1.5 and 3.5 s (doubling, capped at T2).
        h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(4, h.SentCount("SIP/2.0 486"));

        var ack = TransactionHarness.NewRequest("ACK", toTag: "local1");
        await h.InjectAsync(ack);
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        Assert.Empty(h.Acks);
        h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(4, h.SentCount("SIP/2.0 486"));

        // Timer I = T4 = 5 s on UDP.
        h.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task InviteServer_NoAck_TimerHTerminates()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest("INVITE");
        await h.InjectAsync(invite);
        var tx = Assert.Single(h.NewRequests);
        await tx.SendResponseAsync(SipResponse.For(invite, 603, "local1"));

        h.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        // G: 0.5, 1.5, 3.5, 7.5, then every 4 s: 11.5 … 31.5 → 10 retransmissions plus the first send.
        Assert.Equal(11, h.SentCount("SIP/2.0 603"));
        h.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task InviteServer_Success_AcceptedAbsorbsInviteRetransmissions_AckGoesToUser()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest("INVITE");
        await h.InjectAsync(invite);
        var tx = Assert.Single(h.NewRequests);

        await tx.SendResponseAsync(SipResponse.For(invite, 200, "local1"));
        Assert.Equal(SipTransactionState.Accepted, tx.State);

        // RFC 6026: a retransmitted INVITE is neither a new call nor answered by the transaction.
        await h.InjectAsync(invite);
        Assert.Single(h.NewRequests);
        Assert.Equal(1, h.SentCount("SIP/2.0 200"));

        // The ACK of a 2xx has its own branch and belongs to the dialog, not the transaction;
        // one that reuses the INVITE's branch is passed up as well (RFC 6026 §8.7).
        await h.InjectAsync(TransactionHarness.NewRequest("ACK", branch: "z9hG4bKack2", toTag: "local1"));
        await h.InjectAsync(TransactionHarness.NewRequest("ACK", toTag: "local1"));
        Assert.Equal(2, h.Acks.Count);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await tx.SendResponseAsync(SipResponse.For(invite, 200, "local1")));

        // Timer L (64·T1) ends the Accepted state.
        h.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(1, h.Layer.ServerTransactionCount);
        h.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task NonInviteServer_RetransmissionGetsLastResponse_TimerJTerminates()
    {
        var h = new TransactionHarness();
        var options = TransactionHarness.NewRequest("OPTIONS");
        await h.InjectAsync(options);
        await h.InjectAsync(options);
        var tx = Assert.IsType<NonInviteServerTransaction>(Assert.Single(h.NewRequests));
        Assert.Empty(h.Channel.Sent);

        await tx.SendResponseAsync(SipResponse.For(options, 200, "local1"));
        await h.InjectAsync(options);
        Assert.Equal(2, h.SentCount("SIP/2.0 200"));
        Assert.Single(h.NewRequests);

        h.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(1, h.Layer.ServerTransactionCount);
        h.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task NonInviteServer_Tcp_TerminatesRightAfterFinal()
    {
        var h = new TransactionHarness(SipProtocol.Tcp);
        var options = TransactionHarness.NewRequest("OPTIONS");
        await h.InjectAsync(options);
        await Assert.Single(h.NewRequests).SendResponseAsync(SipResponse.For(options, 200, "local1"));
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, h.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task Cancel_FindsItsInviteTransaction()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.NewRequest("INVITE");
        await h.InjectAsync(invite);
        var cancel = TransactionHarness.NewRequest("CANCEL");

        await h.InjectAsync(cancel);

        Assert.Equal(2, h.NewRequests.Count);
        Assert.Same(h.NewRequests.First(), h.Layer.FindCancelTarget(cancel));
        Assert.Null(h.Layer.FindCancelTarget(TransactionHarness.NewRequest("CANCEL", branch: "z9hG4bKother")));
    }

    [Fact]
    public async Task Matching_DifferentSentByOrMethod_IsADifferentTransaction()
    {
        var h = new TransactionHarness();
        var a = TransactionHarness.NewRequest("OPTIONS");
        var b = TransactionHarness.NewRequest("OPTIONS");
        b.Headers.Set("Via", "SIP/2.0/UDP 127.0.0.10:5080;branch=z9hG4bKtest1");
        var c = TransactionHarness.NewRequest("BYE");

        await h.InjectAsync(a);
        await h.InjectAsync(b);
        await h.InjectAsync(c);

        Assert.Equal(3, h.NewRequests.Count);
    }

    [Fact]
    public async Task Flood_BeyondTheLimit_Gets503WithoutState()
    {
        var h = new TransactionHarness(maxServerTransactions: 5);
        for (var i = 0; i < 8; i++) await h.InjectAsync(TransactionHarness.NewRequest("OPTIONS", branch: $"z9hG4bKflood{i}"));

        Assert.Equal(5, h.NewRequests.Count);
        Assert.Equal(5, h.Layer.ServerTransactionCount);
        var refused = h.Channel.SentResponses.Where(r => r.StatusCode == 503).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, r => Assert.Equal("5", r.Headers.Get("Retry-After")));
    }

    [Fact]
    public async Task ManyTransactions_AllRemovedAfterTheirTimers()
    {
        var h = new TransactionHarness();
        for (var i = 0; i < 50; i++)
        {
            var invite = TransactionHarness.NewRequest("INVITE", branch: $"z9hG4bKi{i}");
            await h.InjectAsync(invite);
            var options = TransactionHarness.NewRequest("OPTIONS", branch: $"z9hG4bKo{i}");
            await h.InjectAsync(options);
            h.Layer.SendRequest(TransactionHarness.NewOutgoing("OPTIONS"), h.PeerRemote);
            h.Layer.SendRequest(TransactionHarness.NewOutgoing("INVITE"), h.PeerRemote);
        }
        foreach (var tx in h.NewRequests) await tx.SendResponseAsync(SipResponse.For(tx.Request, tx.Request.Method == "INVITE" ? 480 : 200, "l"));
        Assert.Equal(100, h.Layer.ServerTransactionCount);
        Assert.Equal(100, h.Layer.ClientTransactionCount);

        h.Advance(TimeSpan.FromSeconds(33));

        Assert.Equal(0, h.Layer.ServerTransactionCount);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
    }
}
