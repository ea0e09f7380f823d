using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Silo.Database;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Benchmarks.DialerLoad;

/// <summary>
/// A real silo on a throwaway PostgreSQL, a campaign of generated leads, and agents whose
/// wrap-up times out so they cycle without a person. Measures what the dialer sustains.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadReport> ExecuteAsync(LoadSettings settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-dialer-load-" + Guid.NewGuid().ToString("N")[..8]);
        await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = folder, Throwaway = true });
        var connectionString = await postgres.CreateDatabaseAsync("dialer_load");
        await DatabaseMigrator.MigrateAsync(connectionString);
        await using var db = NpgsqlDataSource.Create(connectionString);
        var listId = await LoadLeadsAsync(db, settings.Leads);
        Console.WriteLine($"{settings.Leads:N0} leads loaded into list {listId}");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = new ContactCenterOptions { ClusterId = "dialer-load", ServiceId = "dialer-load", SiloPort = FreePort(), GatewayPort = FreePort() };
        builder.UseOrleans(silo => silo.AddContactCenter(connectionString, options));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var campaign = grains.GetGrain<ICampaignGrain>("load");
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Load run",
            DialerType = DialerType.Auto,
            CallerId = "+12125550000",
            ListIds = [listId],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" },
            Retry = new RetryPolicy { MaxAttempts = 1 },
            WrapUpTimeoutSeconds = settings.WrapUpSeconds,
            Simulation = new CampaignSimulation { AnswerRate = 0.6, BusyRate = 0.15, NoAnswerRate = 0.15, VoicemailRate = 0.1, RingSeconds = settings.RingSeconds, TalkSeconds = settings.TalkSeconds, Seed = 42 },
        });
        var agents = Enumerable.Range(0, settings.Agents).Select(i => grains.GetGrain<IAgentGrain>($"load-agent-{i:D4}")).ToList();
        await ForEachAsync(agents, async a =>
        {
            await a.CreateAsync(new AgentProfile(a.GetPrimaryKeyString()));
            await a.LoginAsync("load");
            await a.ReadyAsync();
        });
        Console.WriteLine($"{settings.Agents} agents Ready; starting the campaign");
        await campaign.StartAsync();

        // Warm up so the measured window sees the steady state, not the first ramp.
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, settings.Seconds / 4.0)));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var windowStart = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        int maxInFlight = 0;
        long violations = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(settings.Seconds))
        {
            var stats = await campaign.GetStatsAsync();
            maxInFlight = Math.Max(maxInFlight, stats.CallsInFlight);
            if (stats.CallsInFlight > settings.Agents) violations++;
            await Task.Delay(250);
        }
        var windowEnd = DateTimeOffset.UtcNow;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
        var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        var heapMb = GC.GetTotalMemory(false) / 1024.0 / 1024.0;

        var (attempts, connected, failed, p50, p99) = await CallFiguresAsync(db, windowStart, windowEnd);
        var snapshots = await Task.WhenAll(agents.Select(a => a.GetAsync()));
        var handled = Math.Max(1, snapshots.Sum(s => s.Counters.CallsHandled));
        double Seconds(AgentStatus status) => snapshots.Sum(s => s.Counters.TimeInState.GetValueOrDefault(status).TotalSeconds) / handled;

        await campaign.StopAsync();
        await host.StopAsync();
        return new LoadReport(settings, windowEnd - windowStart, attempts, connected, failed, p50, p99, Seconds(AgentStatus.Ready), Seconds(AgentStatus.Dialing),
            maxInFlight, cpu, peakMb, heapMb, violations);
    }

    private static async Task<long> LoadLeadsAsync(NpgsqlDataSource db, int count)
    {
        await using var create = db.CreateCommand("INSERT INTO lead_lists (name) VALUES ('load') RETURNING id");
        var listId = (long)(await create.ExecuteScalarAsync())!;
        await using var connection = await db.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY leads (list_id, first_name, last_name, phone, time_zone) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(listId, NpgsqlDbType.Bigint);
                await copy.WriteAsync("Load", NpgsqlDbType.Text);
                await copy.WriteAsync($"Lead {i}", NpgsqlDbType.Text);
                // 212-200-0000 upward: valid, distinct New York numbers.
                await copy.WriteAsync($"+1212{2_000_000 + i:D7}", NpgsqlDbType.Text);
                await copy.WriteAsync("UTC", NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE leads";
        await analyze.ExecuteNonQueryAsync();
        return listId;
    }

    private static async Task<(long Attempts, long Connected, long Failed, double P50, double P99)> CallFiguresAsync(NpgsqlDataSource db, DateTimeOffset from, DateTimeOffset to)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*),
                   count(*) FILTER (WHERE connected_at IS NOT NULL),
                   count(*) FILTER (WHERE status = 'Failed'),
                   coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM connected_at - answered_at) * 1000) FILTER (WHERE connected_at IS NOT NULL), 0),
                   coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM connected_at - answered_at) * 1000) FILTER (WHERE connected_at IS NOT NULL), 0)
            FROM call_records WHERE ended_at >= $1 AND ended_at < $2
            """);
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4));
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action)
    {
        foreach (var chunk in items.Chunk(50)) await Task.WhenAll(chunk.Select(action));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
