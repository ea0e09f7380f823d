using ContactCenter.Grains.Broadcast;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Simulation;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace ContactCenter.Silo.Hosting;

public static class ContactCenterSiloExtensions
{
    /// <summary>
    /// Everything a contact-center silo needs: Orleans on PostgreSQL (clustering, grain state,
    /// reminders), the stores behind the grains, and the carrier (simulated unless SIP is configured).
    /// </summary>
    public static ISiloBuilder AddContactCenter(this ISiloBuilder silo, string connectionString, ContactCenterOptions options)
    {
        silo.UsePostgres(Database.ConnectionPools.ForOrleans(connectionString));
        silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        silo.ConfigureEndpoints(System.Net.IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        silo.Services.AddContactCenterServices(connectionString);
        // Finds calls lost with their silo; every silo runs one, the sweep itself runs once in the cluster.
        silo.Services.AddHostedService<ContactCenter.Grains.Recovery.CallSweepStarter>();
        // The SIP trunk replaces the simulated carrier; its settings are validated at start.
        if (string.Equals(options.Telephony, "Sip", StringComparison.OrdinalIgnoreCase))
        {
            silo.Services.AddSipTrunk(silo.Configuration.GetSection(SipTrunkOptions.Section));
            silo.Services.AddHostedService<AgentPhoneWatcher>();
        }
        // Grain counts, call rates and silo health for operators at /dashboard of the API, when asked for.
        if (options.Dashboard) silo.AddDashboard();
        return silo;
    }

    /// <summary>The services grains take through their constructors.</summary>
    public static IServiceCollection AddContactCenterServices(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ContactCenter.Grains.Campaigns.DialerMetrics>();
        services.TryAddSingleton(_ => Database.ConnectionPools.CreateDataSource(
            Database.ConnectionPools.ForStores(connectionString), Database.ConnectionPools.StoresPoolName));
        services.TryAddSingleton<LeadStore>();
        services.TryAddSingleton<DialAttemptQuery>();
        services.TryAddSingleton<ContactCenter.Grains.Common.DirectoryStore>();
        services.TryAddSingleton<HopperStore>();
        services.TryAddSingleton<CallerIdStore>();
        services.TryAddSingleton<CallRecordStore>();
        services.TryAddSingleton<ContactCenter.Grains.Calls.SafeHarborAudioStore>();
        services.TryAddSingleton<AgentScriptStore>();
        services.TryAddSingleton<AgentScriptCache>();
        // ContactCenter:Trunks:DefaultCapacity, ContactCenter:Trunks:Capacities:<name> (e.g. ContactCenter__Trunks__Capacities__carrier1=30).
        services.AddOptions<ContactCenter.Grains.Trunks.TrunkOptions>().BindConfiguration("ContactCenter:Trunks");
        services.AddBroadcastAgent();
        services.TryAddSingleton<ContactCenter.Grains.Broadcast.Calls.BroadcastCallRunner>();
        services.TryAddSingleton<ContactCenter.Grains.Broadcast.Calls.VoiceCallRunner>();
        // ContactCenter:Broadcast:Voice:MaxCallLength (e.g. 00:10:00) and the voicemail greeting's end; checked at start.
        services.AddOptions<ContactCenter.Grains.Broadcast.Calls.VoiceCallOptions>().BindConfiguration(ContactCenter.Grains.Broadcast.Calls.VoiceCallOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ContactCenter.Grains.Broadcast.Calls.VoiceCallOptions>, ContactCenter.Grains.Broadcast.Calls.VoiceCallOptionsValidator>());
        // ContactCenter:Speech:Recognition:MaxConversations and the decoder pool's limits; validated at start (AddBroadcastAgent).
        services.AddOptions<ContactCenter.Telephony.Speech.InProcessRecognitionOptions>().BindConfiguration("ContactCenter:" + ContactCenter.Telephony.Speech.InProcessRecognitionOptions.Section);
        services.TryAddSingleton<ICallEventSink, CallEventRouter>();
        services.TryAddSingleton<SimulatedCarrier>();
        services.TryAddSingleton<ICarrier>(sp => sp.GetRequiredService<SimulatedCarrier>());
        return services;
    }

    /// <summary>An API node that joins a separately started silo cluster.</summary>
    public static IClientBuilder AddContactCenterClient(this IClientBuilder client, string connectionString, ContactCenterOptions options)
    {
        client.UsePostgresClustering(Database.ConnectionPools.ForOrleans(connectionString));
        if (options.Dashboard) client.AddDashboard();
        client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        return client;
    }
}
