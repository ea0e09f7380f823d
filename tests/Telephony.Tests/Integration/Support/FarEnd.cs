using System.Collections.Concurrent;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;
using ContactCenter.Telephony.Trunk;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>
/// Our own user agent on loopback standing in for the carrier's network and the agents' phones, so the trunk
/// carrier can be driven without sipp. It rings and answers every call with RTP media, except
/// <see cref="BusyNumber"/> (486) and <see cref="UnansweredNumber"/> (rings until cancelled), and keeps each
/// inbound call under the user part it was called at, for the test to inspect or hang up.
/// </summary>
public sealed class FarEnd : IAsyncDisposable
{
    public const string BusyNumber = "+15550009999";

    public const string UnansweredNumber = "+15550007777";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<SipInboundCall>> calls = new(StringComparer.Ordinal);

    private FarEnd(SipStack stack) => Stack = stack;

    public SipStack Stack { get; }

    /// <summary>The UDP port the trunk carrier should be aimed at.</summary>
    public int Port => Stack.LocalEndPoint(SipProtocol.Udp).Port;

    public static FarEnd Start()
    {
        // RTP endpoints on this side too: the bridge tests send and hear real audio at both phones.
        var far = new FarEnd(SipTestStack.Start(new RtpMediaEndpointFactory(RtpPortRange.LoopbackAnyPort)));
        far.Stack.UserAgent.IncomingCall = far.OnIncomingAsync;
        return far;
    }

    /// <summary>A SIP URI that reaches this user agent as <paramref name="user"/> (an agent's phone).</summary>
    public string UriFor(string user) => $"sip:{user}@127.0.0.1:{Port}";

    /// <summary>The call that arrived (or will arrive) for <paramref name="user"/>.</summary>
    public Task<SipInboundCall> CallTo(string user) => Slot(user).Task;

    /// <summary>The RTP media of the answered call to <paramref name="user"/>.</summary>
    public async Task<RtpMediaEndpoint> MediaOfAsync(string user, TimeSpan wait)
    {
        var call = await CallTo(user).WaitAsync(wait);
        await Eventually.TrueAsync(() => call.State == SipCallState.Established, $"the call to {user} to be established", wait);
        return (RtpMediaEndpoint)call.Media!;
    }

    private TaskCompletionSource<SipInboundCall> Slot(string user) =>
        calls.GetOrAdd(user, _ => new TaskCompletionSource<SipInboundCall>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task OnIncomingAsync(SipInboundCall call)
    {
        var user = call.Called.User ?? "";
        Slot(user).TrySetResult(call);
        if (user == BusyNumber)
        {
            await call.RejectAsync(486);
            return;
        }
        await call.RingAsync();
        if (user != UnansweredNumber) await call.AnswerAsync();
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
