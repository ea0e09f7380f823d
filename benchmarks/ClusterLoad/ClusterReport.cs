using System.Globalization;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>Everything a run measured, printed as the Markdown tables of benchmarks/README.md.</summary>
public sealed record ClusterReport(
    ClusterSettings Settings,
    DateTimeOffset StartedAt,
    string LoadAverageBefore,
    TimeSpan SilosStartup,
    AgentSetup Agents,
    WindowFigures Window,
    Placement Placement,
    Integrity Integrity,
    StateRows StateRows,
    IReadOnlyList<SiloProcess> Silos,
    IReadOnlyList<LogDigest> SiloLogs,
    Shutdown Shutdown,
    string LogDirectory)
{
    public void Print(TextWriter o)
    {
        var s = Settings;
        var w = Window;
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        o.WriteLine();
        o.WriteLine(F($"Cluster load run, {StartedAt:yyyy-MM-dd HH:mm} UTC: {s.Silos} silo(s), {s.Agents:N0} agents in {s.Campaigns} Auto campaigns, {s.Leads:N0} leads, broadcast {(s.BroadcastLeads > 0 ? F($"{s.BroadcastLeads:N0} leads at {s.BroadcastCallsPerSecond}/s, at most {s.BroadcastMaxConcurrent} at once") : "off")}"));
        o.WriteLine(F($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024:F0} GiB, load average before the run {LoadAverageBefore}, after the window {ProcFs.LoadAverage()}"));
        o.WriteLine();
        o.WriteLine("| metric | value |");
        o.WriteLine("| --- | --- |");
        o.WriteLine(F($"| measured window | {w.Seconds:F0} s ({w.From:HH:mm:ss}–{w.To:HH:mm:ss} UTC) after {s.WarmUpSeconds} s warm-up |"));
        var a = Agents;
        o.WriteLine(F($"| silos Active after | {SilosStartup.TotalSeconds:F1} s |"));
        o.WriteLine(F($"| agents Ready / failed{(a.CutShort ? " (set-up cut short at its time limit)" : "")} | {a.ReadyPerCampaign.Sum():N0} / {a.Failed} in {a.Total.TotalSeconds:F1} s: create {a.Create.TotalSeconds:F1} s, login {a.Login.TotalSeconds:F1} s, Ready {a.Ready.TotalSeconds:F1} s |"));
        o.WriteLine(F($"| per 100 agents, first → last: create / login | {a.FirstCreateMsPer100:F0} → {a.LastCreateMsPer100:F0} ms / {a.FirstLoginMsPer100:F0} → {a.LastLoginMsPer100:F0} ms |"));
        o.WriteLine(F($"| Auto attempts finished | {w.Auto.Attempts:N0} ({w.Auto.Attempts / w.Seconds:F1}/s) |"));
        o.WriteLine(F($"| Auto connected to an agent | {w.Auto.Connected:N0} ({w.Auto.Connected / w.Seconds:F1}/s) |"));
        o.WriteLine(F($"| answer-to-connect p50 / p99 | {w.Auto.AnswerToConnectP50Ms:F1} ms / {w.Auto.AnswerToConnectP99Ms:F1} ms |"));
        o.WriteLine(F($"| Auto call length dialing → end: all / answered (ring {s.RingSeconds} s + talk {s.TalkSeconds} s) | {w.Auto.MeanCallSeconds:F1} s / {w.Auto.MeanAnsweredCallSeconds:F1} s |"));
        o.WriteLine(F($"| calls in flight max / mean / agents | {w.MaxAutoInFlight:N0} / {w.MeanAutoInFlight:N0} / {a.ReadyPerCampaign.Sum():N0} ({w.Violations} samples of a campaign over its agents) |"));
        o.WriteLine(F($"| campaign queue wait (a no-op call behind pacing turns) p50 / max | {w.CampaignQueueWaitP50Ms:F0} ms / {w.CampaignQueueWaitMaxMs:F0} ms{(w.CampaignQueueMaxLength is { } q ? F($" (timed out; longest queue {q:N0} messages)") : "")} |"));
        o.WriteLine(F($"| agents Ready (idle) on average | {w.MeanAgentsReady:N0} |"));
        o.WriteLine(F($"| agents by state at the window's end | {string.Join(", ", w.AgentsAtEnd.Where(p => p.Value > 0).Select(p => F($"{p.Key} {p.Value:N0}")))} |"));
        if (w.BroadcastAtEnd is { } b)
        {
            o.WriteLine(F($"| Broadcast attempts finished / max in flight | {w.Broadcast.Attempts:N0} ({w.Broadcast.Attempts / w.Seconds:F1}/s) / {w.MaxBroadcastInFlight} |"));
            o.WriteLine(F($"| Broadcast call length dialing → end: all / answered | {w.Broadcast.MeanCallSeconds:F1} s / {w.Broadcast.MeanAnsweredCallSeconds:F1} s |"));
            o.WriteLine(F($"| Broadcast at the window's end: status, dialed since start, answered, hopper | {b.Status}, {b.Counters.Dialed:N0}, {b.Counters.Answered:N0}, {b.HopperSize} |"));
        }
        o.WriteLine(F($"| silo CPU, sum | {w.SiloCpuPercent.Sum():F0} % of one core |"));
        o.WriteLine(F($"| PostgreSQL CPU / benchmark client CPU | {w.PostgresCpuPercent:F0} % / {w.BenchmarkCpuPercent:F0} % of one core |"));
        var attempts = Math.Max(1, w.Auto.Attempts + w.Broadcast.Attempts);
        o.WriteLine(F($"| CPU ms per finished attempt: silos / PostgreSQL | {w.SiloCpuPercent.Sum() / 100 * w.Seconds * 1000 / attempts:F1} / {w.PostgresCpuPercent / 100 * w.Seconds * 1000 / attempts:F1} |"));
        var others = w.MachineBusyPercent - w.SiloCpuPercent.Sum() - w.PostgresCpuPercent - w.BenchmarkCpuPercent;
        o.WriteLine(F($"| machine CPU busy / of it other processes (builds, tests) / stolen by the host | {w.MachineBusyPercent:F0} % / {others:F0} % / {w.StealPercent:F0} % (of one core; 2 cores = 200 %) |"));
        o.WriteLine(F($"| CPU pressure: time some task waited for a core (PSI) | {(w.CpuStallPercent is { } stall ? F($"{stall:F0} %") : "n/a")} |"));
        o.WriteLine(F($"| PostgreSQL client connections: peak open / mean running a query | {w.MaxClientConnections} / {w.MeanActiveConnections:F1} |"));
        o.WriteLine(F($"| stats polls that failed (timeouts) | {w.FailedPolls} |"));
        o.WriteLine(F($"| largest grain states (bytes × writes) | {string.Join("; ", StateRows.Largest.Select(r => F($"{r.Grain}: {r.Bytes:N0} B × {r.Writes:N0}")))} |"));
        o.WriteLine(F($"| leads with two call records / leads and records ended Lost (no silo died) | {Integrity.LeadsDialedTwice} / {Integrity.LeadsLost} and {Integrity.RecordsLost} |"));
        o.WriteLine(F($"| campaigns that answered StopAsync within 10 s | {Shutdown.CampaignsStopped} of {Shutdown.Campaigns} |"));
        o.WriteLine(F($"| silos stopped by TERM / killed after 30 s | {Silos.Count - Shutdown.SilosKilled} / {Shutdown.SilosKilled} (stop took {Shutdown.SilosStop.TotalSeconds:F1} s) |"));
        o.WriteLine();
        o.WriteLine("| silo | campaign grains | agent / call activations | CPU (% of one core) | RSS end / peak | warnings / errors while running | … at the stop |");
        o.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < Silos.Count; i++)
        {
            var silo = Silos[i];
            var log = SiloLogs[i];
            o.WriteLine(F($"| {silo.Number} (port {silo.SiloPort}) | {Placement.Campaigns(silo.SiloPort)} | {Placement.Activations(silo.SiloPort, "agent"):N0} / {Placement.Activations(silo.SiloPort, "call"):N0} | {w.SiloCpuPercent[i]:F0} % | {w.SiloMemory[i].RssMb:F0} / {w.SiloMemory[i].PeakMb:F0} MB | {log.Count(false, false)} / {log.Count(false, true)} | {log.Count(true, false)} / {log.Count(true, true)} |"));
        }
        o.WriteLine();
        o.WriteLine("Campaign grains by silo port: " + string.Join("; ", Placement.CampaignsBySiloPort.OrderBy(p => p.Key).Select(p => F($"{p.Key}: {string.Join(", ", p.Value)}"))));
        o.WriteLine("Grain types seen: " + string.Join(", ", Placement.ActivationsBySiloPort.SelectMany(p => p.Value.Keys).Distinct().Order()));
        o.WriteLine();
        PrintDigest(o, $"Silo logs ({LogDirectory}), most frequent warnings and errors while running:", l => l.Running);
        PrintDigest(o, "... and once the benchmark began stopping the campaigns and the silos:", l => l.Stopping);
    }

    private void PrintDigest(TextWriter o, string title, Func<LogDigest, Dictionary<string, int>> part)
    {
        o.WriteLine(title);
        var all = SiloLogs.SelectMany((log, i) => part(log).Select(e => (Key: $"silo {i + 1}: {e.Key}", e.Value))).ToList();
        if (all.Count == 0) o.WriteLine("  none");
        foreach (var (key, count) in all.OrderByDescending(e => e.Value).Take(12)) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,7} × {key}"));
    }
}
