using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;
using ContactCenter.Silo.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace ContactCenter.Silo.Hosting;

/// <summary>
/// Puts an Orleans silo or client on PostgreSQL through the ADO.NET providers. The schema and the
/// provider queries come from <see cref="Database.DatabaseMigrator"/>; run it first.
/// </summary>
public static class OrleansPostgresExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, which Orleans loads by reflection.</summary>
    public const string Invariant = "Npgsql";

    // The providers share one data source, named in Npgsql's metrics (see ConnectionPools) and made by
    // the container, which disposes it with the host: Orleans does not dispose a data source it is given.
    private const string DataSourceKey = "ContactCenter.Orleans";

    /// <summary>
    /// Clustering, grain storage (as the default provider and as <see cref="StorageNames.StorageName"/>)
    /// and reminders, all in the given PostgreSQL database.
    /// </summary>
    /// <remarks>
    /// State is stored as JSON with type names (the provider's default, Newtonsoft through Orleans'
    /// type allow-list). A process reads only types it is allowed to, so every stored member has a
    /// concrete type of ours or of the runtime; rows written with the compiler's hidden collection
    /// types are read through <see cref="LegacyCollectionBinder"/>.
    /// </remarks>
    public static ISiloBuilder UsePostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        AddDataSource(silo.Services, connectionString);
        silo.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> options) => options.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = Invariant;
            o.DataSource = DataSource(services);
        }));
        return silo.UsePostgresStorageAndReminders(connectionString);
    }

    /// <summary>
    /// Grain storage and reminders on PostgreSQL without clustering: for test clusters that bring
    /// their own membership.
    /// </summary>
    public static ISiloBuilder UsePostgresStorageAndReminders(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        AddDataSource(silo.Services, connectionString);

        // AdoNetGrainStorageOptions.Invariant defaults to SQL Server, so it must be set here.
        static void ConfigureStorage(OptionsBuilder<AdoNetGrainStorageOptions> options) => options.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = Invariant;
            o.DataSource = DataSource(services);
            // A cleared state (a settled call, a deleted agent or campaign) leaves no row behind.
            o.DeleteStateOnClear = true;
        });

        // Registered after Orleans' own post-configuration, which sets the allow-list binder this wraps.
        silo.Services.AddOptions<OrleansJsonSerializerOptions>().PostConfigure<TypeConverter, TypeResolver>((json, types, resolver) =>
        {
            var settings = json.JsonSerializerSettings;
            settings.SerializationBinder = new LegacyCollectionBinder(settings.SerializationBinder ?? new OrleansJsonSerializationBinder(types, resolver, json.AllowAllTypes));
            // A stored list replaces the member's initial value: reused, the campaign's default
            // dispositions would gain the stored ones on every load (8, 16, 24, ...).
            settings.ObjectCreationHandling = Newtonsoft.Json.ObjectCreationHandling.Replace;
            // Every value is written, zeros and nulls too: left out, a member whose initial value is not
            // the default (a simulated voicemail rate set to 0, initially 0.1) came back as that value.
            settings.DefaultValueHandling = Newtonsoft.Json.DefaultValueHandling.Include;
            settings.NullValueHandling = Newtonsoft.Json.NullValueHandling.Include;
        });
        silo.AddAdoNetGrainStorageAsDefault(ConfigureStorage);
        silo.AddAdoNetGrainStorage(StorageNames.StorageName, ConfigureStorage);

        silo.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> options) => options.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = Invariant;
            o.DataSource = DataSource(services);
        }));

        return silo;
    }

    /// <summary>
    /// Lets an external client (e.g. the API process) find the silos' gateways through the
    /// PostgreSQL membership table. Use the same ClusterId and ServiceId as the silos.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        AddDataSource(client.Services, connectionString);
        client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> options) => options.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = Invariant;
            o.DataSource = DataSource(services);
        }));
        return client;
    }

    private static void AddDataSource(IServiceCollection services, string connectionString) =>
        services.TryAddKeyedSingleton(DataSourceKey, (_, _) => ConnectionPools.CreateDataSource(connectionString, ConnectionPools.OrleansPoolName));

    private static NpgsqlDataSource DataSource(IServiceProvider services) => services.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
}
