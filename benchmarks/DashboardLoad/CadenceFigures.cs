namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>How often 'dashboard' events reached a supervisor's page over a window.</summary>
public sealed record CadenceFigures(string Window, double Seconds, int Events, double MaxGapSeconds, int GapsOverOneAndHalfSeconds)
{
    public double EventsPerSecond => Events / Seconds;

    public static CadenceFigures From(string window, long start, long end, IReadOnlyList<long> stamps)
    {
        var inside = stamps.Where(s => s >= start && s <= end).Order().ToList();
        // Gaps include the window's edges, so a feed that fell silent near either end still shows.
        var points = new List<long> { start };
        points.AddRange(inside);
        points.Add(end);
        var gaps = points.Zip(points.Skip(1), (a, b) => System.Diagnostics.Stopwatch.GetElapsedTime(a, b).TotalSeconds).ToList();
        return new CadenceFigures(window, System.Diagnostics.Stopwatch.GetElapsedTime(start, end).TotalSeconds, inside.Count, gaps.Max(), gaps.Count(g => g > 1.5));
    }
}
