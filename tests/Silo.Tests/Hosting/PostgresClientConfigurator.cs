using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace ContactCenter.Silo.Tests.Hosting;

/// <summary>Makes the test cluster's client find gateways through the PostgreSQL membership table.</summary>
public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration[PostgresSiloConfigurator.ConnectionStringKey]
            ?? throw new InvalidOperationException($"Test cluster configuration lacks '{PostgresSiloConfigurator.ConnectionStringKey}'.");
        clientBuilder.UsePostgresClustering(connectionString);
    }
}
