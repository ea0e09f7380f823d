using System.Net;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip;

/// <summary>
/// Wires the layers bottom-up: channels → <see cref="SipTransport"/> → <see cref="SipTransactionLayer"/>
/// → <see cref="SipUserAgent"/>. Each layer only knows the one below it.
/// </summary>
public sealed class SipStack : IAsyncDisposable
{
    private SipStack(SipTransport transport, SipTransactionLayer transactions, SipUserAgent userAgent)
    {
        Transport = transport;
        Transactions = transactions;
        UserAgent = userAgent;
    }

    public SipTransport Transport { get; }

    public SipTransactionLayer Transactions { get; }

    public SipUserAgent UserAgent { get; }

    /// <summary>The bound UDP or TCP address.</summary>
    public IPEndPoint LocalEndPoint(SipProtocol protocol) => Transport.LocalEndPoint(protocol);

    /// <summary>Binds the channels and starts receiving.</summary>
    public static SipStack Start(SipStackOptions options, IMediaEndpointFactory mediaFactory, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        var channels = new List<ISipChannel>();
        try
        {
            if (options.Udp is { } udp) channels.Add(new SipUdpChannel(udp, loggerFactory.CreateLogger<SipUdpChannel>()));
            if (options.Tcp is { } tcp) channels.Add(new SipTcpChannel(tcp, loggerFactory.CreateLogger<SipTcpChannel>(), options.MaxMessageSize));
        }
        catch
        {
            foreach (var channel in channels) channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        var transport = new SipTransport(channels, loggerFactory.CreateLogger<SipTransport>(), options.MaxMessageSize);
        var transactions = new SipTransactionLayer(transport, timeProvider ?? TimeProvider.System, options.Timers, loggerFactory.CreateLogger<SipTransactionLayer>(), options.MaxServerTransactions);
        var userAgent = new SipUserAgent(transactions, mediaFactory, options.UserAgent, loggerFactory.CreateLogger<SipUserAgent>());
        userAgent.Start();
        return new SipStack(transport, transactions, userAgent);
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
