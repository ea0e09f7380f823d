using System.Net.Sockets;
using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Sip.UserAgents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Trunk;

/// <summary>
/// Binds each new call's <see cref="RtpMediaEndpoint"/> to the next free pair of the port range,
/// walking it round-robin so a just-released port is not reused at once (late packets of the
/// previous call would land in the new one).
/// </summary>
public sealed class RtpMediaEndpointFactory(RtpPortRange range, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) : IMediaEndpointFactory
{
    private readonly ILoggerFactory loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private int cursor = -1;
    private int active;

    /// <summary>Live endpoints created by this factory and not yet stopped.</summary>
    public int ActiveEndpoints => Volatile.Read(ref active);

    public ValueTask<IMediaEndpoint> CreateAsync(string callId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Bind();
        session.Start();
        var endpoint = new RtpMediaEndpoint(callId, session, RtpMediaEndpoint.DefaultCodecs);
        Interlocked.Increment(ref active);
        _ = endpoint.Stopped.ContinueWith(_ => Interlocked.Decrement(ref active), TaskScheduler.Default);
        return ValueTask.FromResult<IMediaEndpoint>(endpoint);
    }

    private RtpMediaSession Bind()
    {
        if (range.IsSystemChosen) return new RtpMediaSession(new RtpSessionOptions { LocalAddress = range.Address }, timeProvider, loggers);
        var pairs = range.Pairs;
        for (var attempt = 0; attempt < pairs; attempt++)
        {
            var index = (int)((uint)Interlocked.Increment(ref cursor) % (uint)pairs);
            var port = range.FirstEven + 2 * index;
            try
            {
                return new RtpMediaSession(new RtpSessionOptions { LocalAddress = range.Address, LocalPort = port }, timeProvider, loggers);
            }
            catch (SocketException)
            {
                // Taken by another call or another program: try the next pair.
            }
        }
        throw new InvalidOperationException($"No free RTP port pair in {range.MinPort}–{range.MaxPort} on {range.Address}.");
    }
}
