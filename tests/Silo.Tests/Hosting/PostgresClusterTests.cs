using ContactCenter.Silo.Database;
using ContactCenter.Silo.Tests.Hosting.TestGrains;
using ContactCenter.Silo.Tests.Support;

namespace ContactCenter.Silo.Tests.Hosting;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync("orleans_cluster");
        await DatabaseMigrator.MigrateAsync(connectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoSilos_JoinThroughPostgres_SeeEachOtherAndServeClient()
    {
        var clusterId = $"two-silos-{Guid.NewGuid():N}";
        var cluster = await PostgresClusterFactory.DeployAsync(connectionString, silos: 2, clusterId, serviceId: "svc-two-silos");
        try
        {
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
            Assert.Equal(
                cluster.Silos.Select(s => s.SiloAddress).Order(),
                hosts.Keys.Order());

            var activeRows = await Sql.ScalarAsync<long>(
                connectionString,
                "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3 AND ProxyPort > 0",
                ("id", clusterId));
            Assert.Equal(2L, activeRows);

            // The client found a gateway through GatewaysQueryKey; a grain call proves it works.
            await cluster.Client.GetGrain<ICounterGrain>("two-silos").AddAsync(1, "hello");
        }
        finally
        {
            await PostgresClusterFactory.StopAsync(cluster);
        }
    }

    [Fact]
    public async Task GrainState_AfterClusterRestart_IsReadBackFromPostgres()
    {
        var clusterId = $"restart-{Guid.NewGuid():N}";
        const string ServiceId = "svc-restart";
        var key = $"counter-{Guid.NewGuid():N}";

        var first = await PostgresClusterFactory.DeployAsync(connectionString, silos: 1, clusterId, ServiceId);
        try
        {
            var counter = first.Client.GetGrain<ICounterGrain>(key);
            await counter.AddAsync(5, "first");
            await counter.AddAsync(2, "second");
        }
        finally
        {
            await PostgresClusterFactory.StopAsync(first);
        }

        var second = await PostgresClusterFactory.DeployAsync(connectionString, silos: 1, clusterId, ServiceId);
        try
        {
            var snapshot = await second.Client.GetGrain<ICounterGrain>(key).GetAsync();

            Assert.Equal(7, snapshot.NamedTotal);
            Assert.Equal(["first", "second"], snapshot.NamedNotes);
            Assert.Equal(7, snapshot.DefaultTotal);
            Assert.True(snapshot.NamedRecordExists);
        }
        finally
        {
            await PostgresClusterFactory.StopAsync(second);
        }
    }

    [Fact]
    public async Task Reminder_AfterClusterRestart_FiresWithoutAnyCall()
    {
        var clusterId = $"reminder-{Guid.NewGuid():N}";
        const string ServiceId = "svc-reminder";
        var key = $"probe-{Guid.NewGuid():N}";

        var first = await PostgresClusterFactory.DeployAsync(connectionString, silos: 1, clusterId, ServiceId);
        try
        {
            await first.Client.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await PostgresClusterFactory.StopAsync(first);
        }

        Assert.Equal(1L, await Sql.ScalarAsync<long>(
            connectionString, "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @svc", ("svc", ServiceId)));

        // Only the new cluster can tick now, and nothing calls the grain: the tick must come from
        // the reminder row the new silo read from PostgreSQL.
        var tick = ReminderProbe.NextTickAsync(key);
        var second = await PostgresClusterFactory.DeployAsync(connectionString, silos: 1, clusterId, ServiceId);
        try
        {
            Assert.Equal(ReminderProbeGrain.ReminderName, await tick.WaitAsync(Patience));
        }
        finally
        {
            await PostgresClusterFactory.StopAsync(second);
        }
    }
}
