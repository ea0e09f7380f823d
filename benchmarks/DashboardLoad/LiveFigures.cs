namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>Agent changes timed from the request to their 'agent' event on a supervisor's live feed.</summary>
public sealed record LiveFigures(string Floor, string Change, int Changes, int Lost, double P50Ms, double P99Ms, double MaxMs, double AgentEventsPerSecond);
