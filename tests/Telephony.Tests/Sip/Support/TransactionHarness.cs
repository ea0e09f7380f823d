using System.Collections.Concurrent;
using System.Net;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>A transaction layer over a fake channel and a fake clock, with a recording transaction user.</summary>
public sealed class TransactionHarness : ISipTransactionUser
{
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("127.0.0.9"), 5080);

    public TransactionHarness(SipProtocol protocol = SipProtocol.Udp, int maxServerTransactions = 20_000, TimeSpan? retryAfter = null)
    {
        Channel = new FakeSipChannel(protocol);
        Transport = new SipTransport([Channel], NullLogger<SipTransport>.Instance);
        Layer = new SipTransactionLayer(Transport, Time, SipTimerOptions.Default, NullLogger<SipTransactionLayer>.Instance, maxServerTransactions, retryAfter);
        Layer.Start(this);
        PeerRemote = new SipRemote(protocol, Peer);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public FakeSipChannel Channel { get; }

    public SipTransport Transport { get; }

    public SipTransactionLayer Layer { get; }

    public SipRemote PeerRemote { get; }

    public ConcurrentQueue<SipServerTransaction> NewRequests { get; } = new();

    public ConcurrentQueue<SipRequest> Acks { get; } = new();

    public ConcurrentQueue<SipResponse> StrayResponses { get; } = new();

    /// <summary>Advances the fake clock in small steps so each timer fires at its own moment.</summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var elapsed = TimeSpan.Zero; elapsed < by; elapsed += step) Time.Advance(step);
    }

    public static SipRequest NewRequest(string method, string branch = "z9hG4bKtest1", long cseq = 1, string? toTag = null)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:+15550001111@127.0.0.1:5060"));
        request.Headers.Add("Via", $"SIP/2.0/UDP 127.0.0.9:5080;branch={branch}");
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", "<sip:caller@127.0.0.9>;tag=from1");
        request.Headers.Add("To", toTag is null ? "<sip:+15550001111@127.0.0.1>" : $"<sip:+15550001111@127.0.0.1>;tag={toTag}");
        request.Headers.Add("Call-ID", "call-1@127.0.0.9");
        request.CSeq = new SipCSeq(cseq, method == "ACK" ? "ACK" : method);
        return request;
    }

    /// <summary>A request we originate (no Via; the layer adds one).</summary>
    public static SipRequest NewOutgoing(string method)
    {
        var request = NewRequest(method);
        request.Headers.Remove("Via");
        return request;
    }

    public static SipResponse ResponseTo(SipRequest request, int status, string? toTag = "remote1") => SipResponse.For(request, status, status == 100 ? null : toTag);

    public ValueTask InjectAsync(SipMessage message) => Channel.InjectAsync(message, Peer);

    public int SentCount(string startsWith) =>
        Channel.SentMessages.Count(m => m.StartLine.StartsWith(startsWith, StringComparison.Ordinal));

    public ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        NewRequests.Enqueue(transaction);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnAckAsync(SipRequest ack, SipRemote source)
    {
        Acks.Enqueue(ack);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnStrayResponseAsync(SipResponse response, SipRemote source)
    {
        StrayResponses.Enqueue(response);
        return ValueTask.CompletedTask;
    }
}
