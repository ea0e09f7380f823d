namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>How the run's end went: campaigns stopped through grain calls, then the silos by SIGTERM.</summary>
public sealed record Shutdown(int CampaignsStopped, int Campaigns, TimeSpan SilosStop, int SilosKilled);
