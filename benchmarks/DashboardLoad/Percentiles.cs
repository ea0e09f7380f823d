namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>Nearest-rank percentiles of a sample of milliseconds.</summary>
public sealed class Percentiles
{
    private readonly double[] sorted;

    public Percentiles(IEnumerable<double> values)
    {
        sorted = [.. values];
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;
    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double At(double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
