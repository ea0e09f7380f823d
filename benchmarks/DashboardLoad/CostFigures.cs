namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>One part of a dashboard request, repeated alone, one at a time.</summary>
public sealed record CostFigures(string Floor, string Part, int Repeats, double P50Ms, double P99Ms, double MaxMs, double CpuMsEach);
