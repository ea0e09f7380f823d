using System.Net;
using System.Net.Sockets;
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

    /// <summary>Validates <paramref name="options"/>, binds the channels and starts receiving.</summary>
    public static SipStack Start(SipStackOptions options, IMediaEndpointFactory mediaFactory, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var channels = BindChannels(options, loggerFactory);
        var transport = new SipTransport(channels, loggerFactory.CreateLogger<SipTransport>(), options.MaxMessageSize, options.BadPacketLog, time);
        var transactions = new SipTransactionLayer(transport, time, options.Timers, loggerFactory.CreateLogger<SipTransactionLayer>(), options.MaxServerTransactions, options.OverloadRetryAfter);
        var userAgent = new SipUserAgent(transactions, mediaFactory, options.UserAgent, loggerFactory.CreateLogger<SipUserAgent>());
        userAgent.Start();
        return new SipStack(transport, transactions, userAgent);
    }

    // With port 0 the UDP port is only known once bound, and TCP may find it taken; another free
    // UDP port is then tried, so "any port" still gets one port for both transports.
    private static List<ISipChannel> BindChannels(SipStackOptions options, ILoggerFactory loggerFactory)
    {
        const int attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            var channels = new List<ISipChannel>();
            try
            {
                if (options.Udp is { } udp) channels.Add(new SipUdpChannel(udp, loggerFactory.CreateLogger<SipUdpChannel>(), options.UdpReceiveBufferSize));
                if (options.ListenOnTcp && (options.Tcp ?? channels[0].LocalEndPoint) is { } tcp)
                {
                    channels.Add(new SipTcpChannel(tcp, loggerFactory.CreateLogger<SipTcpChannel>(), options.MaxMessageSize));
                }
                return channels;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && FollowsAnyUdpPort(options) && attempt < attempts)
            {
                Dispose(channels);
            }
            catch
            {
                Dispose(channels);
                throw;
            }
        }
    }

    private static bool FollowsAnyUdpPort(SipStackOptions options) => options is { Tcp: null, Udp.Port: 0 };

    private static void Dispose(List<ISipChannel> channels)
    {
        foreach (var channel in channels) channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
