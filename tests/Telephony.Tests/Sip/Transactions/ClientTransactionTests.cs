using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.Transactions;

public sealed class ClientTransactionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task InviteClient_NoAnswerOnUdp_RetransmitsOnTimerAThenTimesOutOnTimerB()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("INVITE"), h.PeerRemote);

        // Timer A fires at 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s; Timer B at 32 s (64·T1).
        h.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(7, h.SentCount("INVITE"));
        Assert.False(tx.FinalResponse.IsCompleted);
        h.Advance(TimeSpan.FromSeconds(0.2));

        var final = await tx.FinalResponse.WaitAsync(Wait);
        Assert.Equal(408, final.StatusCode);
        Assert.True(tx.TimedOut);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
    }

    [Fact]
    public async Task InviteClient_Tcp_NeverRetransmits()
    {
        var h = new TransactionHarness(SipProtocol.Tcp);
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("INVITE"), h.PeerRemote);

        h.Advance(TimeSpan.FromSeconds(33));

        Assert.Equal(1, h.SentCount("INVITE"));
        Assert.Equal(408, (await tx.FinalResponse.WaitAsync(Wait)).StatusCode);
    }

    [Fact]
    public async Task InviteClient_Provisional_StopsRetransmissionsAndTimerB()
    {
        var h = new TransactionHarness();
        var provisionals = new List<int>();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("INVITE"), h.PeerRemote, r => { lock (provisionals) provisionals.Add(r.StatusCode); });

        await h.InjectAsync(TransactionHarness.ResponseTo(tx.Request, 100));
        await h.InjectAsync(TransactionHarness.ResponseTo(tx.Request, 180));
        h.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(1, h.SentCount("INVITE"));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.False(tx.FinalResponse.IsCompleted);
        await WaitUntilAsync(() => { lock (provisionals) return provisionals.Count == 2; });
        Assert.Equal([100, 180], provisionals);
    }

    [Fact]
    public async Task InviteClient_NonSuccessFinal_AcksInTransactionAndAbsorbsRetransmissions()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("INVITE"), h.PeerRemote);
        var busy = TransactionHarness.ResponseTo(tx.Request, 486);

        await h.InjectAsync(busy);
        Assert.Equal(486, (await tx.FinalResponse.WaitAsync(Wait)).StatusCode);
        var ack = Assert.Single(h.Channel.SentRequests, r => r.Method == "ACK");
        // §17.1.1.3: the ACK shares the INVITE's branch and CSeq number and carries the To tag.
        Assert.Equal(tx.Request.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(new SipCSeq(tx.Request.CSeq.Number, "ACK"), ack.CSeq);
        Assert.Equal("remote1", ack.To.Tag);
        Assert.Equal(tx.Request.RequestUri.ToString(), ack.RequestUri.ToString());

        await h.InjectAsync(busy);
        Assert.Equal(2, h.SentCount("ACK"));
        Assert.Equal(SipTransactionState.Completed, tx.State);

        // Timer D: 32 s on UDP, then the transaction is gone.
        h.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, h.Layer.ClientTransactionCount);
        h.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Empty(h.StrayResponses);
    }

    [Fact]
    public async Task InviteClient_Success_TerminatesAndRetransmitted2xxGoesToUser()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("INVITE"), h.PeerRemote);
        var ok = TransactionHarness.ResponseTo(tx.Request, 200);

        await h.InjectAsync(ok);
        Assert.Equal(200, (await tx.FinalResponse.WaitAsync(Wait)).StatusCode);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(0, h.SentCount("ACK"));

        await h.InjectAsync(ok);
        Assert.Single(h.StrayResponses);
    }

    [Fact]
    public async Task NonInviteClient_Udp_TimerEDoublesToT2ThenTimerFTimesOut()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("OPTIONS"), h.PeerRemote);

        // Sends at 0, 0.5, 1.5, 3.5, 7.5, then every T2=4 s: 11.5 ... 31.5 → 11 in total before F at 32 s.
        h.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(11, h.SentCount("OPTIONS"));
        h.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(408, (await tx.FinalResponse.WaitAsync(Wait)).StatusCode);
        Assert.Equal(0, h.Layer.ClientTransactionCount);
    }

    [Fact]
    public async Task NonInviteClient_ProceedingRetransmitsEveryT2_FinalWaitsTimerK()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("BYE"), h.PeerRemote);
        await h.InjectAsync(TransactionHarness.ResponseTo(tx.Request, 100));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);

        // Proceeding: the next Timer E (at 0.5 s) resends and rearms at T2, so 0.5 s and 4.5 s.
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, h.SentCount("BYE"));

        await h.InjectAsync(TransactionHarness.ResponseTo(tx.Request, 200));
        Assert.Equal(200, (await tx.FinalResponse.WaitAsync(Wait)).StatusCode);
        Assert.Equal(SipTransactionState.Completed, tx.State);
        h.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(1, h.Layer.ClientTransactionCount);
        h.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(3, h.SentCount("BYE"));
    }

    [Fact]
    public async Task NonInviteClient_Tcp_FinalTerminatesAtOnce()
    {
        var h = new TransactionHarness(SipProtocol.Tcp);
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("OPTIONS"), h.PeerRemote);
        await h.InjectAsync(TransactionHarness.ResponseTo(tx.Request, 200));
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, h.Layer.ClientTransactionCount);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void SendRequest_AddsViaWithMagicCookieBranchAndRport()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.NewOutgoing("OPTIONS"), h.PeerRemote);
        var via = tx.Request.TopVia;
        Assert.StartsWith(SipVia.BranchMagicCookie, via.Branch);
        Assert.True(via.Parameters.Contains("rport"));
        Assert.Equal("UDP", via.Transport);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
