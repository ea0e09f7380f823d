using ContactCenter.Silo.Database;
using ContactCenter.Silo.Hosting;
using Npgsql;
using Orleans.TestingHost;

namespace ContactCenter.Grains.Tests.Support;

/// <summary>
/// A throwaway, migrated PostgreSQL and an in-process Orleans cluster whose grains persist to it
/// through the ADO.NET providers, with the contact-center services; <c>configure</c> adds to or
/// replaces those services (a SIP trunk, a fake clock) after the defaults are in.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(LocalPostgresServer server, string connectionString, NpgsqlDataSource database, InProcessTestCluster cluster)
    {
        Server = server;
        ConnectionString = connectionString;
        Database = database;
        Cluster = cluster;
    }

    public LocalPostgresServer Server { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource Database { get; }
    public InProcessTestCluster Cluster { get; }
    public IGrainFactory Grains => Cluster.Client;

    /// <param name="name">Names the database and the data folder (lower case, digits, underscores).</param>
    public static async Task<TestSilo> StartAsync(string name, Action<ISiloBuilder>? configure = null)
    {
        var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), $"cc-{name}-{Guid.NewGuid():N}"),
            Throwaway = true,
        });
        var connectionString = await server.CreateDatabaseAsync(name);
        await DatabaseMigrator.MigrateAsync(connectionString);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePostgresStorageAndReminders(connectionString);
            silo.Services.AddContactCenterServices(connectionString);
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSilo(server, connectionString, NpgsqlDataSource.Create(connectionString), cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
        await Server.DisposeAsync();
    }
}
