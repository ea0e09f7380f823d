using System.Threading.Channels;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Collects what a transport delivers, for transport-level tests.</summary>
public sealed class RecordingMessageHandler : ISipMessageHandler
{
    public Channel<(SipMessage Message, SipRemote Source)> Received { get; } = Channel.CreateUnbounded<(SipMessage, SipRemote)>();

    public ValueTask OnRequestAsync(SipRequest request, SipRemote source) => Received.Writer.WriteAsync((request, source));

    public ValueTask OnResponseAsync(SipResponse response, SipRemote source) => Received.Writer.WriteAsync((response, source));

    public async Task<(SipMessage Message, SipRemote Source)> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        return await Received.Reader.ReadAsync(cts.Token);
    }
}
