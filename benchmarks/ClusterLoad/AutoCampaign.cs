using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>An Auto campaign and the number of agents logged in to it.</summary>
public sealed record AutoCampaign(ICampaignGrain Grain, int Agents);
