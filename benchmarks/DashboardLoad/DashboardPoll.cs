using System.Diagnostics;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// GET /api/dashboard as fast as <c>concurrency</c> pollers can send it, each waiting for its whole
/// answer before the next request; the time of a request runs from sending it to its last byte read.
/// </summary>
public static class DashboardPoll
{
    public static async Task<PollFigures> MeasureAsync(HttpClient supervisor, string floor, int concurrency, int requests, string postgresRoot)
    {
        var latencies = new double[requests];
        var next = -1;
        var failures = 0;
        var bytes = 0;
        var cpuBefore = CpuClock.ProcessSeconds();
        var postgresBefore = CpuClock.PostgresSeconds(postgresRoot);
        var pausedBefore = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var pollers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await supervisor.GetAsync("/api/dashboard");
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                else Volatile.Write(ref bytes, body.Length);
            }
        }));
        await Task.WhenAll(pollers);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = CpuClock.ProcessSeconds() - cpuBefore;
        var postgres = CpuClock.PostgresSeconds(postgresRoot) - postgresBefore;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var p = new Percentiles(latencies);
        return new PollFigures(floor, concurrency, requests, failures, p.At(0.50), p.At(0.95), p.At(0.99), p.Max, seconds, cpu, postgres, paused, CpuClock.LoadAverage(), bytes);
    }
}
