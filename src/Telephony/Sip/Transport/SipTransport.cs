using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>
/// The transport layer (RFC 3261 §18): parses what channels receive, stamps received/rport on
/// requests, answers unparseable requests with 400 (505, 416 where RFC 3261 says so), and sends messages and responses to the right
/// address. It knows channels below it and only the <see cref="ISipMessageHandler"/> above it.
/// </summary>
public sealed partial class SipTransport : IAsyncDisposable
{
    private readonly Dictionary<SipProtocol, ISipChannel> channels;
    private readonly ILogger logger;
    private readonly SipParseOptions datagramOptions;
    private readonly SipParseOptions streamOptions;
    private readonly SipLogThrottle badPacketLog;
    private ISipMessageHandler? handler;

    /// <param name="channels">One channel per transport.</param>
    /// <param name="logger">Where transport events go.</param>
    /// <param name="maxMessageSize">Larger messages are dropped unparsed.</param>
    /// <param name="badPacketLog">How many lines about malformed packets may be logged per interval (<see cref="SipLogRateLimit.Default"/> when null).</param>
    /// <param name="timeProvider">The clock of that rate limit.</param>
    public SipTransport(IEnumerable<ISipChannel> channels, ILogger<SipTransport> logger, int maxMessageSize = 64 * 1024, SipLogRateLimit? badPacketLog = null, TimeProvider? timeProvider = null)
    {
        this.channels = channels.ToDictionary(c => c.Protocol);
        if (this.channels.Count == 0) throw new ArgumentException("At least one channel is required.", nameof(channels));
        this.logger = logger;
        datagramOptions = new SipParseOptions { MaxMessageSize = maxMessageSize };
        streamOptions = new SipParseOptions { MaxMessageSize = maxMessageSize, RequireContentLength = true };
        this.badPacketLog = new SipLogThrottle(timeProvider ?? TimeProvider.System, badPacketLog ?? SipLogRateLimit.Default, (count, interval) => LogMalformedSuppressed(logger, count, interval));
    }

    /// <summary>The transport used when a URI names none: UDP when present (RFC 3263 default).</summary>
    public SipProtocol DefaultProtocol => channels.ContainsKey(SipProtocol.Udp) ? SipProtocol.Udp : channels.Keys.First();

    public bool Supports(SipProtocol protocol) => channels.ContainsKey(protocol);

    /// <summary>The local address of a transport's channel, for Via and Contact.</summary>
    public IPEndPoint LocalEndPoint(SipProtocol protocol) => Channel(protocol).LocalEndPoint;

    /// <summary>Starts every channel and delivers parsed messages to <paramref name="messageHandler"/>.</summary>
    public void Start(ISipMessageHandler messageHandler)
    {
        if (handler is not null) throw new InvalidOperationException("The transport is already started.");
        handler = messageHandler;
        foreach (var channel in channels.Values) channel.Start(OnPacketAsync);
    }

    /// <summary>Sends a request (or an ACK, or a retransmission) to a resolved destination.</summary>
    public async ValueTask SendAsync(SipMessage message, SipRemote destination, CancellationToken cancellationToken = default)
    {
        var bytes = message.ToBytes();
        if (logger.IsEnabled(LogLevel.Trace)) LogSending(logger, destination, message.StartLine, message.ToString());
        await Channel(destination.Protocol).SendAsync(destination.EndPoint, bytes, cancellationToken);
    }

    /// <summary>
    /// Where a response to a request from <paramref name="source"/> goes (RFC 3261 §18.2.2,
    /// RFC 3581): back over the same connection on TCP; on UDP to the address in received/rport
    /// when present, else to the sent-by of the top Via.
    /// </summary>
    public static ValueTask<SipRemote> ResponseDestinationAsync(SipResponse response, SipRemote source, CancellationToken cancellationToken = default) =>
        ResponseDestinationAsync(response.TopVia, source, cancellationToken);

    /// <summary>The same rule, from the top Via of the request being answered.</summary>
    public static async ValueTask<SipRemote> ResponseDestinationAsync(SipVia via, SipRemote source, CancellationToken cancellationToken = default)
    {
        if (source.IsReliable) return source;
        if (via.Parameters["rport"] is { } rport && int.TryParse(rport, out var port))
        {
            var host = via.Parameters["received"] ?? via.Host;
            return new SipRemote(source.Protocol, new IPEndPoint(await ResolveHostAsync(host, cancellationToken), port));
        }
        var address = via.Parameters["received"] is { } received ? IPAddress.Parse(received) : await ResolveHostAsync(via.Host, cancellationToken);
        return new SipRemote(source.Protocol, new IPEndPoint(address, via.Port ?? 5060));
    }

    /// <summary>Resolves a URI to a destination: its transport parameter, host and port (5060 by default).</summary>
    public async ValueTask<SipRemote> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default)
    {
        if (uri.IsTel) throw new NotSupportedException($"{uri} names a number, not a host; send it to a trunk as sip:number@host.");
        var protocol = uri.Transport switch
        {
            "tcp" => SipProtocol.Tcp,
            "udp" => SipProtocol.Udp,
            null => DefaultProtocol,
            var other => throw new NotSupportedException($"Transport '{other}' is not supported."),
        };
        var address = await ResolveHostAsync(uri.Host, cancellationToken);
        return new SipRemote(protocol, new IPEndPoint(address, uri.Port ?? 5060));
    }

    private static async ValueTask<IPAddress> ResolveHostAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var address)) return address;
        var addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
    }

    private ISipChannel Channel(SipProtocol protocol) =>
        channels.TryGetValue(protocol, out var channel) ? channel : throw new NotSupportedException($"No {protocol} channel is configured.");

    private async ValueTask OnPacketAsync(SipChannelPacket packet)
    {
        var source = new SipRemote(packet.Protocol, packet.Remote);
        SipMessage message;
        try
        {
            message = SipMessageParser.Parse(packet.Data, packet.Protocol == SipProtocol.Udp ? datagramOptions : streamOptions);
        }
        catch (SipParseException ex)
        {
            try
            {
                await RejectMalformedAsync(ex, source);
            }
            catch (Exception rejectFailure)
            {
                // Answering junk must never take the receive loop down either.
                LogHandlerFailed(logger, rejectFailure, source);
            }
            return;
        }

        if (logger.IsEnabled(LogLevel.Trace)) LogReceived(logger, source, message.StartLine, message.ToString());
        try
        {
            if (message is SipRequest request)
            {
                StampReceived(request, source);
                await handler!.OnRequestAsync(request, source);
            }
            else
            {
                await handler!.OnResponseAsync((SipResponse)message, source);
            }
        }
        catch (Exception ex)
        {
            // One bad message must never take the receive loop down.
            LogHandlerFailed(logger, ex, source);
        }
    }

    // RFC 3261 §18.2.1: add received when sent-by differs from the packet source; RFC 3581 fills rport.
    private static void StampReceived(SipRequest request, SipRemote source)
    {
        var via = request.TopVia;
        var sourceAddress = source.EndPoint.Address.ToString();
        var changed = false;
        if (!string.Equals(via.Host.Trim('[', ']'), sourceAddress, StringComparison.OrdinalIgnoreCase))
        {
            via.Parameters.Set("received", sourceAddress);
            changed = true;
        }
        if (via.Parameters.Contains("rport") && via.Parameters["rport"] is null)
        {
            via.Parameters.Set("rport", source.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            via.Parameters.Set("received", sourceAddress);
            changed = true;
        }
        if (!changed) return;
        request.Headers.RemoveFirst(SipHeaderNames.Via);
        request.Headers.AddFirst(SipHeaderNames.Via, via.ToString());
    }

    // RFC 3261 §21.4.1: a request we cannot parse gets 400 (or the 505/416 its error names), if
    // its top Via still tells the client which transaction the answer belongs to. Responses, ACKs
    // (§17.1.1.3: never answered) and requests without a usable top Via are dropped.
    private async ValueTask RejectMalformedAsync(SipParseException error, SipRemote source)
    {
        var reason = error.Message;
        if (error.Partial is not { IsRequest: true } raw || raw.Method == SipMethods.Ack)
        {
            if (badPacketLog.TryEnter()) LogMalformed(logger, source, PersonalData.MaskPhoneNumbersIn(reason)!);
            return;
        }
        var vias = raw.Headers.Where(h => h.Name == SipHeaderNames.Via).ToList();
        if (vias.Count == 0 || !IsWellFormed(vias[0]))
        {
            if (badPacketLog.TryEnter()) LogUnroutable(logger, source, PersonalData.MaskPhoneNumbersIn(reason)!);
            return;
        }
        if (badPacketLog.TryEnter()) LogMalformed(logger, source, PersonalData.MaskPhoneNumbersIn(reason)!);

        var response = new SipResponse(error.StatusCode, error.StatusCode == SipStatus.BadRequest ? "Bad Request - " + Sanitize(reason) : null);
        // A broken lower Via is left out: the client matches on the top one only (§17.1.3).
        foreach (var via in vias.Where(IsWellFormed)) response.Headers.Add(via.Name, via.Value);
        foreach (var name in new[] { SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq })
        {
            // Only the first sound one: echoing duplicated singletons would make our answer malformed too.
            foreach (var header in raw.Headers.Where(h => h.Name == name && IsWellFormed(h)).Take(1)) response.Headers.Add(header.Name, header.Value);
        }
        try
        {
            // Straight back to the packet's source (the connection, on TCP): the one address we know
            // the sender can receive on, since the rest of the request is suspect.
            await Channel(source.Protocol).SendAsync(source.EndPoint, response.ToBytes());
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException or ObjectDisposedException)
        {
            LogRejectFailed(logger, source, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
        }
    }

    // Echoing a broken header would make our 400 malformed too, so only sound ones are copied.
    private static bool IsWellFormed(SipHeader header)
    {
        try
        {
            _ = header.Name switch
            {
                SipHeaderNames.Via => SipVia.Parse(header.Value).ToString(),
                SipHeaderNames.From or SipHeaderNames.To => SipAddress.Parse(header.Value).ToString(),
                SipHeaderNames.CSeq => SipCSeq.Parse(header.Value).ToString(),
                _ => header.Value.Length > 0 ? header.Value : throw new SipParseException("Empty value."),
            };
            return true;
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    private static string Sanitize(string text) => new(text.Where(c => c >= ' ' && c < '\u007f').Take(100).ToArray());

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in channels.Values) await channel.DisposeAsync();
        badPacketLog.Dispose();
    }
}
