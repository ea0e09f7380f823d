using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>The window's figures; CPU in percent of one core, memory in MB.</summary>
public sealed record WindowFigures(
    DateTimeOffset From,
    DateTimeOffset To,
    CallFigures Auto,
    CallFigures Broadcast,
    int MaxAutoInFlight,
    double MeanAutoInFlight,
    double MeanAgentsReady,
    int MaxBroadcastInFlight,
    Dictionary<AgentStatus, int> AgentsAtEnd,
    CampaignStats? BroadcastAtEnd,
    long Violations,
    int FailedPolls,
    double CampaignQueueWaitP50Ms,
    double CampaignQueueWaitMaxMs,
    int? CampaignQueueMaxLength,
    int MaxClientConnections,
    double MeanActiveConnections,
    double MachineBusyPercent,
    double StealPercent,
    double? CpuStallPercent,
    double[] SiloCpuPercent,
    (double RssMb, double PeakMb)[] SiloMemory,
    double PostgresCpuPercent,
    double BenchmarkCpuPercent)
{
    public double Seconds => (To - From).TotalSeconds;
}
