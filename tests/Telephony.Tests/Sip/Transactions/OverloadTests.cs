using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.Transactions;

/// <summary>
/// RFC 3261 §21.5.4: beyond the server-transaction limit new INVITEs get a stateless 503 with
/// Retry-After, while requests about calls we already have still get through.
/// </summary>
public sealed class OverloadTests
{
    [Fact]
    public async Task InviteFlood_BeyondTheLimit_Gets503WithConfiguredRetryAfter()
    {
        var h = new TransactionHarness(maxServerTransactions: 3, retryAfter: TimeSpan.FromSeconds(42));

        for (var i = 0; i < 10; i++) await h.InjectAsync(TransactionHarness.NewRequest("INVITE", branch: $"z9hG4bKinv{i}"));

        Assert.Equal(3, h.NewRequests.Count);
        Assert.Equal(3, h.Layer.ServerTransactionCount);
        var refused = h.Channel.SentResponses.Where(r => r.StatusCode == 503).ToList();
        Assert.Equal(7, refused.Count);
        Assert.All(refused, r => Assert.Equal("42", r.Headers.Get("Retry-After")));
        Assert.All(refused, r => Assert.Equal("INVITE", r.CSeq.Method));
        Assert.Equal(3, h.Channel.SentResponses.Count(r => r.StatusCode == 100));
    }

    [Fact]
    public async Task Overloaded_ByeAndCancelForCallsWeHave_StillServed()
    {
        var h = new TransactionHarness(maxServerTransactions: 2);
        await h.InjectAsync(TransactionHarness.NewRequest("INVITE", branch: "z9hG4bKa"));
        await h.InjectAsync(TransactionHarness.NewRequest("INVITE", branch: "z9hG4bKb"));

        await h.InjectAsync(TransactionHarness.NewRequest("CANCEL", branch: "z9hG4bKa"));
        await h.InjectAsync(TransactionHarness.NewRequest("BYE", branch: "z9hG4bKbye", cseq: 2, toTag: "ours"));
        await h.InjectAsync(TransactionHarness.NewRequest("INVITE", branch: "z9hG4bKc"));

        Assert.Equal(["INVITE", "INVITE", "CANCEL", "BYE"], h.NewRequests.Select(t => t.Request.Method));
        Assert.Equal(503, Assert.Single(h.Channel.SentResponses, r => r.StatusCode >= 200).StatusCode);
    }

    [Fact]
    public async Task Overloaded_InDialogRequestsHaveABoundToo()
    {
        var h = new TransactionHarness(maxServerTransactions: 10);
        for (var i = 0; i < 100; i++) await h.InjectAsync(TransactionHarness.NewRequest("BYE", branch: $"z9hG4bKbye{i}", toTag: $"t{i}"));

        // The headroom for in-dialog work is bounded, so a flood of them cannot grow the table either.
        Assert.InRange(h.Layer.ServerTransactionCount, 11, 20);
        Assert.Contains(h.Channel.SentResponses, r => r.StatusCode == 503);
    }

    [Fact]
    public async Task AfterTheFlood_TimersEmptyTheTableAndInvitesAreServedAgain()
    {
        var h = new TransactionHarness(maxServerTransactions: 5);
        for (var i = 0; i < 20; i++) await h.InjectAsync(TransactionHarness.NewRequest("INVITE", branch: $"z9hG4bKf{i}"));
        foreach (var tx in h.NewRequests) await tx.SendResponseAsync(SipResponse.For(tx.Request, 486, "busy"));
        Assert.Equal(5, h.Layer.ServerTransactionCount);

        // Nobody ACKs the 486s: Timer H (64·T1) ends each transaction.
        h.Advance(TimeSpan.FromSeconds(33));
        Assert.Equal(0, h.Layer.ServerTransactionCount);

        h.Channel.Clear();
        await h.InjectAsync(TransactionHarness.NewRequest("INVITE", branch: "z9hG4bKlater"));
        Assert.Equal(100, Assert.Single(h.Channel.SentResponses).StatusCode);
        Assert.Equal(1, h.Layer.ServerTransactionCount);
    }
}
