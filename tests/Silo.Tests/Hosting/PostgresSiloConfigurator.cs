using ContactCenter.Silo.Hosting;
using Orleans.TestingHost;

namespace ContactCenter.Silo.Tests.Hosting;

/// <summary>Puts every test-cluster silo on PostgreSQL (connection string from cluster configuration).</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    /// <summary>The configuration key the tests put the connection string under.</summary>
    public const string ConnectionStringKey = "PostgresConnectionString";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"Test cluster configuration lacks '{ConnectionStringKey}'.");
        siloBuilder.UsePostgres(connectionString);

        // The production minimum is a minute; the restart test needs ticks within seconds.
        siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
    }
}
