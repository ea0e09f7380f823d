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
    private TestSilo? silo;

    public InProcessTestCluster Cluster => silo!.Cluster;
    public IGrainFactory Grains => Cluster.Client;
    public string ConnectionString => silo!.ConnectionString;
    public NpgsqlDataSource Database => silo!.Database;
    public LeadStore Leads { get; private set; } = null!;

    /// <summary>A trunk with few channels, for tests of the cluster-wide trunk cap.</summary>
    public const string CappedTrunk = "capped-trunk";
    public const int CappedTrunkCapacity = 4;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync("grains_tests",
            s => s.Services.Configure<ContactCenter.Grains.Trunks.TrunkOptions>(o => o.Capacities[CappedTrunk] = CappedTrunkCapacity));
        Leads = new LeadStore(Database);
    }

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
    }

    /// <summary>A fresh list with <paramref name="count"/> callable US leads (distinct numbers).</summary>
    public Task<(LeadList List, IReadOnlyList<Lead> Leads)> CreateListAsync(int count, string? timeZone = "UTC") => TestData.CreateListAsync(Leads, count, timeZone);

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
