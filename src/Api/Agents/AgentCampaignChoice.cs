using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Api.Agents;

/// <summary>A campaign an agent may log in to, as its desktop offers it.</summary>
public sealed record AgentCampaignChoice(string Id, string Name, DialerType DialerType, CampaignStatus Status);
