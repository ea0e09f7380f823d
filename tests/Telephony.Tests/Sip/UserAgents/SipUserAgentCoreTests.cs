using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>The UA core's answers to out-of-dialog requests, over a fake channel.</summary>
public sealed class SipUserAgentCoreTests
{
    private readonly TransactionHarnessForUa h = new();

    [Fact]
    public async Task Options_Answered200WithAllow()
    {
        await h.Channel.InjectAsync(TransactionHarness.NewRequest("OPTIONS"), TransactionHarness.Peer);

        var response = Assert.Single(h.Channel.SentResponses);
        Assert.Equal(200, response.StatusCode);
        Assert.Contains("INVITE", response.Headers.Get("Allow"));
        Assert.NotNull(response.To.Tag);
    }

    [Theory]
    [InlineData("SUBSCRIBE", 405)]
    [InlineData("REGISTER", 405)]
    [InlineData("FROBNICATE", 501)]
    [InlineData("BYE", 481)]
    public async Task OutOfDialog_UnsupportedOrUnknown_Refused(string method, int expected)
    {
        await h.Channel.InjectAsync(TransactionHarness.NewRequest(method), TransactionHarness.Peer);
        Assert.Equal(expected, Assert.Single(h.Channel.SentResponses).StatusCode);
    }

    [Fact]
    public async Task RequireUnknownExtension_Gets420WithUnsupported()
    {
        var request = TransactionHarness.NewRequest("OPTIONS");
        request.Headers.Add("Require", "100rel");
        await h.Channel.InjectAsync(request, TransactionHarness.Peer);

        var response = Assert.Single(h.Channel.SentResponses);
        Assert.Equal(420, response.StatusCode);
        Assert.Equal("100rel", response.Headers.Get("Unsupported"));
    }

    [Fact]
    public async Task InDialogRequestForUnknownDialog_Gets481()
    {
        await h.Channel.InjectAsync(TransactionHarness.NewRequest("INFO", toTag: "nosuch"), TransactionHarness.Peer);
        Assert.Equal(481, Assert.Single(h.Channel.SentResponses).StatusCode);
    }

    [Fact]
    public async Task Invite_WithoutHandler_Gets480AfterTrying()
    {
        var invite = TransactionHarness.NewRequest("INVITE");
        invite.Headers.Add("Contact", "<sip:caller@127.0.0.9:5080>");
        await h.Channel.InjectAsync(invite, TransactionHarness.Peer);
        Assert.Equal([100, 480], h.Channel.SentResponses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Invite_WithoutContact_Gets400()
    {
        await h.Channel.InjectAsync(TransactionHarness.NewRequest("INVITE"), TransactionHarness.Peer);
        Assert.Equal([100, 400], h.Channel.SentResponses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Cancel_ForUnknownInvite_Gets481()
    {
        await h.Channel.InjectAsync(TransactionHarness.NewRequest("CANCEL"), TransactionHarness.Peer);
        Assert.Equal(481, Assert.Single(h.Channel.SentResponses).StatusCode);
    }

    [Fact]
    public async Task Cancel_WhileHandlerRings_Gets200AndInviteGets487()
    {
        var ringing = new TaskCompletionSource();
        h.UserAgent.IncomingCall = async call =>
        {
            await call.RingAsync();
            ringing.SetResult();
        };
        var invite = TransactionHarness.NewRequest("INVITE");
        invite.Headers.Add("Contact", "<sip:caller@127.0.0.9:5080>");
        await h.Channel.InjectAsync(invite, TransactionHarness.Peer);
        await ringing.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await h.Channel.InjectAsync(TransactionHarness.NewRequest("CANCEL"), TransactionHarness.Peer);

        var responses = h.Channel.SentResponses;
        Assert.Equal([100, 180, 200, 487], responses.Select(r => r.StatusCode));
        Assert.Equal("CANCEL", responses[2].CSeq.Method);
        Assert.Equal("INVITE", responses[3].CSeq.Method);
        // The 487 carries the same To tag as the 180 (one early dialog).
        Assert.Equal(responses[1].To.Tag, responses[3].To.Tag);
        Assert.Equal(0, h.UserAgent.ActiveCallCount);
    }

    [Fact]
    public async Task Forked2xx_SecondDialogIsAckedAndEndedWithBye()
    {
        var request = new SipCallRequest(SipUri.Parse("sip:+15550002222@127.0.0.9:5080"), "+15550001111");
        var call = await h.UserAgent.PlaceCallAsync(request);
        var invite = Assert.Single(h.Channel.SentRequests);

        var first = SipResponse.For(invite, 200, "forkA");
        first.Headers.Add("Contact", "<sip:a@127.0.0.9:5080>");
        first.SetBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n");
        await h.Channel.InjectAsync(first, TransactionHarness.Peer);
        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(TimeSpan.FromSeconds(5)));

        var second = SipResponse.For(invite, 200, "forkB");
        second.Headers.Add("Contact", "<sip:b@127.0.0.9:5080>");
        await h.Channel.InjectAsync(second, TransactionHarness.Peer);

        var sent = h.Channel.SentRequests;
        Assert.Equal(["INVITE", "ACK", "ACK", "BYE"], sent.Select(r => r.Method));
        Assert.Equal("forkA", sent[1].To.Tag);
        Assert.Equal("forkB", sent[2].To.Tag);
        Assert.Equal("forkB", sent[3].To.Tag);
        Assert.Equal(SipCallState.Established, call.State);

        // A retransmission of the kept fork's 2xx is answered with the same ACK again.
        await h.Channel.InjectAsync(first, TransactionHarness.Peer);
        Assert.Equal(2, h.Channel.SentRequests.Count(r => r.Method == "ACK" && r.To.Tag == "forkA"));
    }

    [Fact]
    public async Task Answered_2xxRetransmittedUntilAck()
    {
        var call = await AnswerInboundAsync();

        // §13.3.1.4: T1, then doubling: 0.5 s and 1.5 s after the first send.
        Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, h.Channel.SentResponses.Count(r => r.StatusCode == 200));

        var ack = TransactionHarness.NewRequest("ACK", branch: "z9hG4bKack", toTag: call.Dialog!.Id.LocalTag);
        ack.Headers.Set("From", "<sip:caller@127.0.0.9>;tag=x");
        await h.Channel.InjectAsync(ack, TransactionHarness.Peer);
        Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(3, h.Channel.SentResponses.Count(r => r.StatusCode == 200));
        Assert.Equal(SipCallState.Established, call.State);
    }

    [Fact]
    public async Task Answered_NoAckWithin64T1_CallEndsWithBye()
    {
        var call = await AnswerInboundAsync();

        Advance(TimeSpan.FromSeconds(33));

        await call.Ended.WaitAsync(TimeSpan.FromSeconds(5));
        // One BYE transaction (it may have been retransmitted meanwhile).
        var byes = h.Channel.SentRequests.Where(r => r.Method == "BYE").ToList();
        Assert.Single(byes.Select(b => b.TopVia.Branch).Distinct());
        Assert.Equal("x", byes[0].To.Tag);
        Assert.Equal(CallOutcome.CarrierError, call.Outcome);
    }

    [Fact]
    public async Task DialogCreatingResponses_CopyRecordRoute()
    {
        h.UserAgent.IncomingCall = async call =>
        {
            await call.RingAsync();
            await call.AnswerAsync();
        };
        var invite = TransactionHarness.NewRequest("INVITE");
        invite.Headers.Add("Record-Route", "<sip:p1.example;lr>");
        invite.Headers.Add("Record-Route", "<sip:p2.example;lr>");
        invite.Headers.Add("Contact", "<sip:caller@127.0.0.9:5080>");
        invite.SetBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n");
        await h.Channel.InjectAsync(invite, TransactionHarness.Peer);
        for (var i = 0; i < 300 && !h.Channel.SentResponses.Any(r => r.StatusCode == 200); i++) await Task.Delay(10);

        var responses = h.Channel.SentResponses.Where(r => r.StatusCode is 180 or 200).ToList();
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Equal(["<sip:p1.example;lr>", "<sip:p2.example;lr>"], r.Headers.GetAll("Record-Route")));
    }

    [Fact]
    public async Task ForgottenInboundCall_RejectedAfterMaxRingTime()
    {
        var ringing = new TaskCompletionSource<SipInboundCall>();
        h.UserAgent.IncomingCall = async call =>
        {
            await call.RingAsync();
            ringing.SetResult(call);
        };
        var invite = TransactionHarness.NewRequest("INVITE");
        invite.Headers.Add("Contact", "<sip:caller@127.0.0.9:5080>");
        await h.Channel.InjectAsync(invite, TransactionHarness.Peer);
        var call = await ringing.Task.WaitAsync(TimeSpan.FromSeconds(5));

        h.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(CallOutcome.NoAnswer, await call.Ended.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([100, 180, 480], h.Channel.SentResponses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task SlowEventSink_DoesNotStallSignalling()
    {
        var sink = new BlockingSink();
        h.UserAgent.InboundCallEvents = sink;
        var call = await AnswerInboundAsync();
        var ack = TransactionHarness.NewRequest("ACK", branch: "z9hG4bKack", toTag: call.Dialog!.Id.LocalTag);
        ack.Headers.Set("From", "<sip:caller@127.0.0.9>;tag=x");
        await h.Channel.InjectAsync(ack, TransactionHarness.Peer);

        var bye = TransactionHarness.NewRequest("BYE", branch: "z9hG4bKbye", cseq: 2, toTag: call.Dialog.Id.LocalTag);
        bye.Headers.Set("From", "<sip:caller@127.0.0.9>;tag=x");
        await h.Channel.InjectAsync(bye, TransactionHarness.Peer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        await h.Channel.InjectAsync(TransactionHarness.NewRequest("OPTIONS", branch: "z9hG4bKopt"), TransactionHarness.Peer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Contains(h.Channel.SentResponses, r => r.StatusCode == 200 && r.CSeq.Method == "BYE");
        Assert.Contains(h.Channel.SentResponses, r => r.StatusCode == 200 && r.CSeq.Method == "OPTIONS");
        Assert.False(call.Ended.IsCompleted);
        sink.Release.SetResult();
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>A sink stuck until released, like a grain call that hangs.</summary>
    private sealed class BlockingSink : ICallEventSink
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnCallEventAsync(CallEvent callEvent) => Release.Task;
    }

    private async Task<SipInboundCall> AnswerInboundAsync()
    {
        var answered = new TaskCompletionSource<SipInboundCall>();
        h.UserAgent.IncomingCall = async call =>
        {
            await call.AnswerAsync();
            answered.SetResult(call);
        };
        var invite = TransactionHarness.NewRequest("INVITE");
        invite.Headers.Set("From", "<sip:caller@127.0.0.9>;tag=x");
        invite.Headers.Add("Contact", "<sip:caller@127.0.0.9:5080>");
        invite.SetBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n");
        await h.Channel.InjectAsync(invite, TransactionHarness.Peer);
        return await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private void Advance(TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromMilliseconds(50)) h.Time.Advance(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Retransmitted2xxBeforeDialogIsTracked_IsNotTreatedAsAFork()
    {
        var request = new SipCallRequest(SipUri.Parse("sip:+15550002222@127.0.0.9:5080"), "+15550001111");
        var call = await h.UserAgent.PlaceCallAsync(request);
        var invite = Assert.Single(h.Channel.SentRequests);
        var ok = SipResponse.For(invite, 200, "only");
        ok.Headers.Add("Contact", "<sip:a@127.0.0.9:5080>");
        ok.SetBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n");

        // The same 2xx three times in a burst, as a peer retransmitting it would send it.
        await h.Channel.InjectAsync(ok, TransactionHarness.Peer);
        await h.Channel.InjectAsync(ok, TransactionHarness.Peer);
        await h.Channel.InjectAsync(ok, TransactionHarness.Peer);
        Assert.Equal(CallOutcome.Answered, await call.Setup.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.DoesNotContain(h.Channel.SentRequests, r => r.Method == "BYE");
        Assert.Equal(SipCallState.Established, call.State);
    }

    /// <summary>A UA over the transaction harness (fake channel and clock).</summary>
    private sealed class TransactionHarnessForUa
    {
        public TransactionHarnessForUa()
        {
            Channel = new FakeSipChannel();
            var transport = new SipTransport([Channel], NullLogger<SipTransport>.Instance);
            var layer = new SipTransactionLayer(transport, Time, SipTimerOptions.Default, NullLogger<SipTransactionLayer>.Instance);
            UserAgent = new SipUserAgent(layer, new UdpMediaEndpointFactory(), new SipUserAgentOptions(), NullLogger<SipUserAgent>.Instance);
            UserAgent.Start();
        }

        public FakeSipChannel Channel { get; }

        public FakeTimeProvider Time { get; } = new();

        public SipUserAgent UserAgent { get; }
    }
}
