using System.Net;
using ContactCenter.Telephony.AgentPhones;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.UserAgents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Telephony.Trunk;

public static class SipTrunkServiceCollectionExtensions
{
    /// <summary>
    /// Makes the SIP trunk the <see cref="ICarrier"/>: options bound from
    /// <paramref name="section"/> (usually "ContactCenter:Sip") and validated at start, the SIP
    /// stack with RTP media, <see cref="IAgentPhoneChannels"/> and <see cref="TrunkCarrier"/>.
    /// The stack binds its ports when the host starts, so a bad address fails start-up.
    /// </summary>
    public static IServiceCollection AddSipTrunk(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<SipTrunkOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var trunk = sp.GetRequiredService<IOptions<SipTrunkOptions>>().Value;
            return new RtpMediaEndpointFactory(RtpRange(trunk), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => SipStack.Start(
            StackOptions(sp.GetRequiredService<IOptions<SipTrunkOptions>>().Value),
            sp.GetRequiredService<RtpMediaEndpointFactory>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var trunk = sp.GetRequiredService<IOptions<SipTrunkOptions>>().Value;
            return new AgentPhoneChannels(sp.GetRequiredService<SipStack>().UserAgent, new AgentPhoneChannelOptions
            {
                CallerId = trunk.AgentCallerId,
                CallerDisplayName = trunk.CallerDisplayName,
                RingTimeout = TimeSpan.FromSeconds(trunk.AgentRingTimeoutSeconds),
            }, sp.GetRequiredService<ILoggerFactory>());
        });
        services.TryAddSingleton<IAgentPhoneChannels>(sp => sp.GetRequiredService<AgentPhoneChannels>());
        services.TryAddSingleton(sp => new TrunkCarrier(
            sp.GetRequiredService<SipStack>().UserAgent,
            CarrierOptions(sp.GetRequiredService<IOptions<SipTrunkOptions>>().Value),
            sp.GetRequiredService<ICallEventSink>(),
            sp.GetRequiredService<AgentPhoneChannels>(),
            sp.GetRequiredService<ILogger<TrunkCarrier>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.RemoveAll<ICarrier>();
        services.AddSingleton<ICarrier>(sp => sp.GetRequiredService<TrunkCarrier>());
        services.RemoveAll<ICallMediaAccess>();
        services.AddSingleton<ICallMediaAccess>(sp => sp.GetRequiredService<TrunkCarrier>());
        services.AddHostedService<SipTrunkStartup>();
        return services;
    }

    /// <summary>The stack settings the trunk options describe.</summary>
    public static SipStackOptions StackOptions(SipTrunkOptions trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var bind = new IPEndPoint(IPAddress.Parse(trunk.BindAddress), trunk.BindPort);
        return new SipStackOptions
        {
            Udp = bind,
            Tcp = trunk.IsTcp ? bind : null,
            UserAgent = new SipUserAgentOptions
            {
                Credentials = string.IsNullOrEmpty(trunk.Username) ? null : new SipCredentials(trunk.Username, trunk.Password ?? "", string.IsNullOrEmpty(trunk.Realm) ? null : trunk.Realm),
                DefaultRingTimeout = TimeSpan.FromSeconds(trunk.RingTimeoutSeconds),
            },
        };
    }

    /// <summary>The carrier settings the trunk options describe.</summary>
    public static TrunkCarrierOptions CarrierOptions(SipTrunkOptions trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var host = IPAddress.TryParse(trunk.ProxyHost, out var address) ? SipUri.FormatHost(address) : trunk.ProxyHost;
        var transport = trunk.IsTcp ? ";transport=tcp" : "";
        return new TrunkCarrierOptions(SipUri.Parse($"sip:{host}:{trunk.ProxyPort}{transport}"))
        {
            DefaultCallerId = string.IsNullOrEmpty(trunk.DefaultCallerId) ? null : trunk.DefaultCallerId,
            CallerDisplayName = trunk.CallerDisplayName,
            DetectAnsweringMachine = trunk.AnsweringMachineDetection,
            Amd = new AmdOptions { TotalAnalysisTime = TimeSpan.FromSeconds(trunk.AmdMaxSeconds) },
        };
    }

    /// <summary>The RTP address and ports the trunk options describe.</summary>
    public static RtpPortRange RtpRange(SipTrunkOptions trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var address = IPAddress.Parse(string.IsNullOrEmpty(trunk.RtpAddress) ? trunk.BindAddress : trunk.RtpAddress);
        return new RtpPortRange(address, trunk.RtpPortMin, trunk.RtpPortMax);
    }
}
