using System.Diagnostics;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>Everything one run measured, printed as markdown tables.</summary>
/// <param name="IdleRequests">Dashboard requests (warm-up included) between the two readings of <paramref name="IdleReads"/>.</param>
/// <param name="IdleSeconds">How long those requests took.</param>
public sealed record DashboardReport(
    DashboardSettings Settings,
    DateTimeOffset Started,
    Floor Floor,
    FloorSample Idle,
    FloorSample RunningStart,
    FloorSample RunningEnd,
    FloorSample Finished,
    IReadOnlyList<PollFigures> Polls,
    int IdleRequests,
    double IdleSeconds,
    IReadOnlyList<TableReads> IdleReads,
    IReadOnlyList<CostFigures> Costs,
    IReadOnlyList<LiveFigures> Live,
    IReadOnlyList<CadenceFigures> Cadence)
{
    public void Print(TextWriter o)
    {
        var s = Settings;
        o.WriteLine();
        o.WriteLine($"Dialer dashboard: {s.Agents:N0} agents on {s.Campaigns} Auto campaigns ({s.AgentsPerCampaign} each, half Ready), {Floor.LeadsLoaded:N0} leads, " +
            $"simulated carrier (ring {s.RingSeconds} s, talk {s.TalkSeconds} s, wrap-up {s.WrapUpSeconds} s), {Environment.ProcessorCount} cores, started {Started:yyyy-MM-dd HH:mm} UTC");
        o.WriteLine($"Idle floor: {Idle}");
        var runningSeconds = Stopwatch.GetElapsedTime(RunningStart.At, RunningEnd.At).TotalSeconds;
        o.WriteLine($"Running floor: {RunningStart}; while polled: {(RunningEnd.Dialed - RunningStart.Dialed) / runningSeconds:F1} calls dialed/s over {runningSeconds:F0} s, " +
            $"{RunningEnd.CallsInFlight} calls in flight at the end; at the end of the run: {Finished}");
        o.WriteLine();
        o.WriteLine("GET /api/dashboard (supervisor API key; time from sending a request to its last byte; warm-up of " +
            $"{s.WarmUpRequests} requests at concurrency {s.Concurrency.Max()} first):");
        o.WriteLine();
        o.WriteLine("| floor | concurrency | requests | p50 ms | p95 ms | p99 ms | max ms | requests/s | process CPU s (ms/request) | PostgreSQL CPU s | GC pauses ms | load average | failed |");
        o.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in Polls)
            o.WriteLine($"| {p.Floor} | {p.Concurrency} | {p.Requests:N0} | {p.P50Ms:F1} | {p.P95Ms:F1} | {p.P99Ms:F1} | {p.MaxMs:F1} | {p.RequestsPerSecond:F0} | " +
                $"{p.ProcessCpuSeconds:F1} ({p.CpuMsPerRequest:F2}) | {(p.PostgresCpuSeconds is { } pg ? pg.ToString("F1") : "–")} | {p.GcPauseMs:F0} | {p.LoadAverage:F1} | {p.Failures} |");
        o.WriteLine();
        o.WriteLine($"Response body: {Polls.LastOrDefault()?.ResponseBytes:N0} bytes. Process CPU is this whole process: API, silo (and on the running floor the dialer) and the pollers themselves.");
        o.WriteLine();
        o.WriteLine($"PostgreSQL reads on the idle floor over {IdleRequests:N0} dashboard requests in {IdleSeconds:F0} s (pg_stat_user_tables):");
        o.WriteLine();
        o.WriteLine("| table | sequential scans | rows read by them | index scans | rows fetched by them | index scans per request |");
        o.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in IdleReads)
            o.WriteLine($"| {r.Table} | {r.SeqScans:N0} | {r.SeqRows:N0} | {r.IndexScans:N0} | {r.IndexRows:N0} | {(double)r.IndexScans / IdleRequests:F3} |");
        o.WriteLine();
        o.WriteLine($"Where a request's time goes (each part alone, one at a time, {Settings.BreakdownRepeats:N0} times after a warm-up):");
        o.WriteLine();
        o.WriteLine("| floor | part | p50 ms | p99 ms | max ms | process CPU ms each |");
        o.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var c in Costs)
            o.WriteLine($"| {c.Floor} | {c.Part} | {c.P50Ms:F2} | {c.P99Ms:F2} | {c.MaxMs:F2} | {c.CpuMsEach:F3} |");
        o.WriteLine();
        o.WriteLine($"GET /api/events as a supervisor: {s.Changes} agent changes, one at a time, each from sending its request to its 'agent' event:");
        o.WriteLine();
        o.WriteLine("| floor | change | changes | lost (no event in 5 s) | p50 ms | p99 ms | max ms | 'agent' events/s on the stream |");
        o.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in Live)
            o.WriteLine($"| {l.Floor} | {l.Change} | {l.Changes} | {l.Lost} | {l.P50Ms:F1} | {l.P99Ms:F1} | {l.MaxMs:F1} | {l.AgentEventsPerSecond:F0} |");
        o.WriteLine();
        o.WriteLine("'dashboard' events on the same stream:");
        o.WriteLine();
        o.WriteLine("| window | seconds | events | events/s | longest gap s | gaps over 1.5 s |");
        o.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in Cadence)
            o.WriteLine($"| {c.Window} | {c.Seconds:F1} | {c.Events} | {c.EventsPerSecond:F2} | {c.MaxGapSeconds:F2} | {c.GapsOverOneAndHalfSeconds} |");
    }
}
