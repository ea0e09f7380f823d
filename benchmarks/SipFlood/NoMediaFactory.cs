using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>The flood's calls are all refused before media, so none is ever asked for.</summary>
public sealed class NoMediaFactory : IMediaEndpointFactory
{
    public ValueTask<IMediaEndpoint> CreateAsync(string callId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The flood run answers no call.");
}
