using System.Diagnostics;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using Npgsql;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// Watches the measured window: campaign stats twice a second (calls in flight, agents Ready), the
/// database's client connections once a second, and the CPU of every process at both ends.
/// </summary>
public sealed class WindowSampler(Workload workload, SiloFleet fleet, NpgsqlDataSource db, int postmasterPid)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    public async Task<WindowFigures> RunAsync(TimeSpan length)
    {
        var self = Process.GetCurrentProcess();
        var siloCpuBefore = fleet.Silos.Select(s => s.CpuSeconds()).ToArray();
        var postgresBefore = ProcFs.TreeCpuSeconds(postmasterPid);
        var selfBefore = self.TotalProcessorTime;
        var stallBefore = ProcFs.CpuStallMicros();
        var machineBefore = ProcFs.MachineCpuSeconds();
        var from = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        int maxAuto = 0, maxBroadcast = 0, maxConnections = 0, samples = 0, failedPolls = 0, connectionSamples = 0;
        double sumActive = 0;
        long violations = 0;
        var agentsAtEnd = new Dictionary<AgentStatus, int>();
        var queueProbe = new QueueProbe();
        CampaignStats? broadcastAtEnd = null;
        double sumAuto = 0, sumReady = 0;
        for (var tick = 0; clock.Elapsed < length; tick++)
        {
            try
            {
                var stats = await Task.WhenAll(workload.Auto.Select(a => a.Grain.GetStatsAsync()));
                var inFlight = stats.Sum(s => s.CallsInFlight);
                maxAuto = Math.Max(maxAuto, inFlight);
                // The progressive rule, per campaign: never more calls than the agents logged in to it.
                violations += stats.Zip(workload.Auto).Count(p => p.First.CallsInFlight > p.Second.Agents);
                sumAuto += inFlight;
                sumReady += stats.Sum(s => s.AgentsByState.GetValueOrDefault(AgentStatus.Ready));
                samples++;
                agentsAtEnd = stats.SelectMany(st => st.AgentsByState).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
                if (workload.Broadcast is { } broadcast)
                {
                    broadcastAtEnd = await broadcast.GetStatsAsync();
                    maxBroadcast = Math.Max(maxBroadcast, broadcastAtEnd.CallsInFlight);
                }
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // An overloaded cluster answers late; the miss is reported, the window goes on.
                failedPolls++;
            }
            // Every 5 s while a probe can still end within the window.
            if (tick % 10 == 0 && clock.Elapsed + QueueProbe.Longest < length) queueProbe.Start(workload.Auto.Select(a => a.Grain));
            if (tick % 2 == 0)
            {
                var (open, active) = await ClientConnectionsAsync();
                maxConnections = Math.Max(maxConnections, open);
                sumActive += active;
                connectionSamples++;
            }
            await Task.Delay(Period);
        }

        // Every end reading is taken here, before anything else is awaited.
        var seconds = clock.Elapsed.TotalSeconds;
        var stallAfter = ProcFs.CpuStallMicros();
        var machineAfter = ProcFs.MachineCpuSeconds();
        var to = DateTimeOffset.UtcNow;
        self.Refresh();
        var siloCpu = fleet.Silos.Select((s, i) => (s.CpuSeconds() - siloCpuBefore[i]) / seconds * 100).ToArray();
        var siloMemory = fleet.Silos.Select(s => ProcFs.Memory(s.Pid)).ToArray();
        var postgresCpu = (ProcFs.TreeCpuSeconds(postmasterPid) - postgresBefore) / seconds * 100;
        var selfCpu = (self.TotalProcessorTime - selfBefore).TotalSeconds / seconds * 100;
        var queue = await queueProbe.ResultsAsync();
        return new WindowFigures(from, to,
            Auto: await CallFigures.ReadAsync(db, "cluster-auto-", from, to),
            Broadcast: workload.Broadcast is null ? CallFigures.None : await CallFigures.ReadAsync(db, "cluster-broadcast", from, to),
            MaxAutoInFlight: maxAuto,
            MeanAutoInFlight: samples == 0 ? 0 : sumAuto / samples,
            MeanAgentsReady: samples == 0 ? 0 : sumReady / samples,
            MaxBroadcastInFlight: maxBroadcast,
            AgentsAtEnd: agentsAtEnd,
            BroadcastAtEnd: broadcastAtEnd,
            Violations: violations,
            FailedPolls: failedPolls,
            CampaignQueueWaitP50Ms: queue.P50Ms,
            CampaignQueueWaitMaxMs: queue.MaxMs,
            CampaignQueueMaxLength: queue.MaxQueueLength,
            MaxClientConnections: maxConnections,
            MeanActiveConnections: connectionSamples == 0 ? 0 : sumActive / connectionSamples,
            MachineBusyPercent: (machineAfter.Busy - machineBefore.Busy) / seconds * 100,
            StealPercent: (machineAfter.Steal - machineBefore.Steal) / seconds * 100,
            CpuStallPercent: stallBefore is { } b && stallAfter is { } a ? (a - b) / 1e6 / seconds * 100 : null,
            SiloCpuPercent: siloCpu,
            SiloMemory: siloMemory,
            PostgresCpuPercent: postgresCpu,
            BenchmarkCpuPercent: selfCpu);
    }

    /// <summary>Client connections open, and those running a statement (this query's own excepted).</summary>
    private async Task<(int Open, int Active)> ClientConnectionsAsync()
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid())
            FROM pg_stat_activity WHERE backend_type = 'client backend'
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return ((int)r.GetInt64(0), (int)r.GetInt64(1));
    }
}
