using Orleans.TestingHost;

namespace ContactCenter.Silo.Tests.Hosting;

/// <summary>Builds test clusters whose membership, storage and reminders all live in PostgreSQL.</summary>
internal static class PostgresClusterFactory
{
    public static async Task<TestCluster> DeployAsync(string connectionString, short silos, string clusterId, string serviceId)
    {
        var builder = new TestClusterBuilder(silos);
        // The default test membership is in memory and would prove nothing about PostgreSQL;
        // real sockets make the silos and the client meet only through the membership table.
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = serviceId;
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static async Task StopAsync(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
