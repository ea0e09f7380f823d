using System.Diagnostics;
using System.Globalization;
using ContactCenter.Silo.Database;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// A throwaway PostgreSQL with generated leads, N silo processes of the product, and this process as
/// an Orleans client that sets up the campaigns and watches a measured window.
/// </summary>
public static class ClusterRun
{
    // The benchmark's own connections stay few, so the silos have the server's connections to themselves.
    private const int OwnPoolSize = 4;

    // scripts/cluster.sh waits as long (CLUSTER_STOP_TIMEOUT) before it kills a silo.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static async Task<ClusterReport> ExecuteAsync(ClusterSettings settings)
    {
        var loadBefore = ProcFs.LoadAverage();
        var startedAt = DateTimeOffset.UtcNow;
        Console.WriteLine($"{startedAt:yyyy-MM-dd HH:mm:ss} UTC, load average {loadBefore}");
        var name = $"cc-cluster-load-{startedAt:yyyyMMdd-HHmmss}";
        // Logs outlive the run (the database and the silo binaries' copy do not): they hold what broke.
        var logs = Path.Combine(Path.GetTempPath(), "cc-cluster-load-logs", name);

        await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions(Path.Combine(Path.GetTempPath(), name + "-pg"), throwaway: true));
        var connectionString = await postgres.CreateDatabaseAsync("cluster_load");
        await DatabaseMigrator.MigrateAsync(connectionString);
        await using var db = NpgsqlDataSource.Create(WithPoolSize(connectionString, OwnPoolSize));
        var autoLists = await LeadLoader.LoadAsync(db, "Cluster load", settings.Campaigns, settings.Leads, firstNumber: 0);
        long? broadcastList = settings.BroadcastLeads > 0
            ? (await LeadLoader.LoadAsync(db, "Cluster broadcast", 1, settings.BroadcastLeads, firstNumber: settings.Leads))[0]
            : null;
        Console.WriteLine($"{settings.Leads:N0} leads in {settings.Campaigns} lists, {settings.BroadcastLeads:N0} broadcast leads");

        var clock = Stopwatch.StartNew();
        await using var fleet = await SiloFleet.StartAsync(settings.Silos, connectionString, db, Path.Combine(Path.GetTempPath(), name + "-silo-bin"), logs);
        var silosStartup = clock.Elapsed;
        Console.WriteLine($"{settings.Silos} silo(s) Active after {silosStartup.TotalSeconds:F1} s");
        try
        {
            using var client = await ConnectAsync(connectionString, fleet.ClusterId);
            var grains = client.Services.GetRequiredService<IGrainFactory>();
            clock.Restart();
            var workload = await Workload.CreateAsync(grains, db, settings, autoLists, broadcastList, TimeSpan.FromSeconds(settings.SetupLimitSeconds));
            Console.WriteLine($"{workload.Auto.Sum(a => a.Agents):N0} agents Ready after {clock.Elapsed.TotalSeconds:F1} s; starting {workload.All.Count()} campaigns");
            await workload.StartAsync();

            // Warm up so the window sees the steady state, not the first ramp (nor the first JIT of each silo).
            await Task.Delay(TimeSpan.FromSeconds(settings.WarmUpSeconds));
            Console.WriteLine($"measuring {settings.Seconds} s");
            var window = await new WindowSampler(workload, fleet, db, PostmasterPid(postgres)).RunAsync(TimeSpan.FromSeconds(settings.Seconds));
            var placement = await Placement.ReadAsync(grains, workload.All);
            var integrity = await Integrity.ReadAsync(db);
            var stateRows = await StateRows.ReadAsync(db);

            var stopBegan = DateTimeOffset.UtcNow;
            var campaignsStopped = await StopCampaignsAsync(workload);
            await client.StopAsync();
            clock.Restart();
            var killed = await fleet.StopAsync(StopGrace);
            var shutdown = new Shutdown(campaignsStopped, workload.All.Count(), clock.Elapsed, killed);
            var siloLogs = fleet.Silos.Select(s => LogDigest.Read(s.LogPath, stopBegan)).ToList();
            return new ClusterReport(settings, startedAt, loadBefore, silosStartup, workload.Agents, window, placement,
                integrity, stateRows, fleet.Silos, siloLogs, shutdown, fleet.LogDirectory);
        }
        finally
        {
            // On any failure above the silos still get their TERM before the database goes away.
            await fleet.StopAsync(StopGrace);
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static async Task<IHost> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = new ContactCenterOptions { ClusterId = clusterId, ServiceId = clusterId, Mode = "Client" };
        builder.UseOrleansClient(c => c.AddContactCenterClient(WithPoolSize(connectionString, OwnPoolSize), options));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// Stops every campaign, giving each 10 s rather than Orleans' 30 s response timeout: a stop that
    /// waits in a busy campaign's queue changes no figure of the run; how many made it is reported.
    /// </summary>
    private static async Task<int> StopCampaignsAsync(Workload workload)
    {
        var stops = await Task.WhenAll(workload.All.Select(async campaign =>
        {
            try
            {
                await campaign.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
                return true;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return false;
            }
        }));
        return stops.Count(s => s);
    }

    private static int PostmasterPid(LocalPostgresServer postgres) =>
        int.Parse(File.ReadLines(Path.Combine(postgres.RootDirectory, "pgdata", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private static string WithPoolSize(string connectionString, int size) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString;
}
