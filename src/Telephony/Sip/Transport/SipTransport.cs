using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>
/// The transport layer (RFC 3261 §18): parses what channels receive, stamps received/rport on
/// requests, answers unparseable requests with 400, and sends messages and responses to the right
/// address. It knows channels below it and only the <see cref="ISipMessageHandler"/> above it.
/// </summary>
public sealed partial class SipTransport : IAsyncDisposable
{
    private readonly Dictionary<SipProtocol, ISipChannel> channels;
    private readonly ILogger logger;
    private readonly SipParseOptions datagramOptions;
    private readonly SipParseOptions streamOptions;
    private ISipMessageHandler? handler;

    public SipTransport(IEnumerable<ISipChannel> channels, ILogger<SipTransport> logger, int maxMessageSize = 64 * 1024)
    {
        this.channels = channels.ToDictionary(c => c.Protocol);
        if (this.channels.Count == 0) throw new ArgumentException("At least one channel is required.", nameof(channels));
        this.logger = logger;
        datagramOptions = new SipParseOptions { MaxMessageSize = maxMessageSize };
        streamOptions = new SipParseOptions { MaxMessageSize = maxMessageSize, RequireContentLength = true };
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
            LogMalformed(logger, source, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
            await RejectMalformedAsync(ex, source);
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

    // RFC 3261 §21.4.1: a request we cannot parse gets 400, if we can still tell where to send it.
    private async ValueTask RejectMalformedAsync(SipParseException error, SipRemote source)
    {
        if (error.Partial is not { IsRequest: true } raw || raw.Method == SipMethods.Ack) return;
        var response = new SipResponse(SipStatus.BadRequest, "Bad Request - " + Sanitize(error.Message));
        foreach (var name in new[] { SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq })
        {
            foreach (var header in raw.Headers.Where(h => h.Name == name && IsWellFormed(h)))
            {
                response.Headers.Add(header.Name, header.Value);
            }
        }
        try
        {
            // Via may be the broken header, so the reply goes straight back to the packet's source.
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
    }
}
