namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>One measured series of GET /api/dashboard at a fixed concurrency.</summary>
public sealed record PollFigures(
    string Floor,
    int Concurrency,
    int Requests,
    int Failures,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double Seconds,
    double ProcessCpuSeconds,
    double? PostgresCpuSeconds,
    double GcPauseMs,
    double? LoadAverage,
    int ResponseBytes)
{
    public double RequestsPerSecond => Requests / Seconds;
    public double CpuMsPerRequest => ProcessCpuSeconds * 1000 / Requests;
}
