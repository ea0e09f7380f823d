namespace ContactCenter.Benchmarks.DashboardLoad;

/// <param name="Ready">Made Ready at set-up; the others stay Paused (logged in, not dialed for).</param>
public sealed record FloorAgent(string Id, string CampaignId, bool Ready);
