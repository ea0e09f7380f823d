namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>What the set-up made: campaigns in creation order and each one's agents, Ready or Paused.</summary>
public sealed record Floor(IReadOnlyList<string> CampaignIds, IReadOnlyList<FloorAgent> Agents, int LeadsLoaded)
{
    public IEnumerable<FloorAgent> Ready => Agents.Where(a => a.Ready);
    public IEnumerable<FloorAgent> Paused => Agents.Where(a => !a.Ready);
}
