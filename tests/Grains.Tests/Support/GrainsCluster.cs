using ContactCenter.Grains.Leads;
using ContactCenter.Silo.Database;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace ContactCenter.Grains.Tests.Support;

/// <summary>
/// One real PostgreSQL (throwaway, migrated) and one in-process Orleans cluster whose grains
/// persist to it through the ADO.NET providers, shared by every test of the collection.
/// </summary>
public sealed class GrainsCluster : IAsyncLifetime
{
    private LocalPostgresServer? server;

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource Database { get; private set; } = null!;
    public LeadStore Leads { get; private set; } = null!;

    /// <summary>A trunk with few channels, for tests of the cluster-wide trunk cap.</summary>
    public const string CappedTrunk = "capped-trunk";
    public const int CappedTrunkCapacity = 4;

    public async Task InitializeAsync()
    {
        server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "cc-grains-tests-" + Guid.NewGuid().ToString("N")),
            Throwaway = true,
        });
        ConnectionString = await server.CreateDatabaseAsync("grains_tests");
        await DatabaseMigrator.MigrateAsync(ConnectionString);
        Database = NpgsqlDataSource.Create(ConnectionString);
        Leads = new LeadStore(Database);

        var builder = new InProcessTestClusterBuilder(1);
        var connectionString = ConnectionString;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePostgresStorageAndReminders(connectionString);
            silo.Services.AddContactCenterServices(connectionString);
            silo.Services.Configure<ContactCenter.Grains.Trunks.TrunkOptions>(o => o.Capacities[CappedTrunk] = CappedTrunkCapacity);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        if (server is not null) await server.DisposeAsync();
    }

    /// <summary>A fresh list with <paramref name="count"/> callable US leads (distinct numbers).</summary>
    public async Task<(LeadList List, IReadOnlyList<Lead> Leads)> CreateListAsync(int count, string? timeZone = "UTC")
    {
        var list = await Leads.CreateListAsync("list " + Guid.NewGuid().ToString("N")[..6], "US");
        var leads = new List<Lead>();
        for (var i = 0; i < count; i++)
        {
            var phone = NextPhone();
            leads.Add(await Leads.InsertAsync(new NewLead { ListId = list.Id, FirstName = "Lead", LastName = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Phone = phone }, phone, timeZone));
        }
        return (list, leads);
    }

    private static int phoneCounter;

    /// <summary>A valid, unique US number (NANP 212 area, 555-01xx style would be invalid, so use real exchange digits).</summary>
    public static string NextPhone()
    {
        var n = Interlocked.Increment(ref phoneCounter);
        return $"+1212{2000000 + n:D7}";
    }
}

[CollectionDefinition(Name)]
public sealed class GrainsCollection : ICollectionFixture<GrainsCluster>
{
    public const string Name = "grains";
}
