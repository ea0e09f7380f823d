using System.Collections.Concurrent;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Creates <see cref="UdpMediaEndpoint"/>s and keeps them for assertions.</summary>
public sealed class UdpMediaEndpointFactory(IReadOnlyList<SdpCodec>? codecs = null) : IMediaEndpointFactory
{
    public ConcurrentDictionary<string, UdpMediaEndpoint> Created { get; } = new();

    public ValueTask<IMediaEndpoint> CreateAsync(string callId, CancellationToken cancellationToken = default)
    {
        var endpoint = new UdpMediaEndpoint(codecs);
        Created[callId] = endpoint;
        return ValueTask.FromResult<IMediaEndpoint>(endpoint);
    }
}
