using ContactCenter.Grains.Agents;

namespace ContactCenter.Grains.Campaigns;

[GenerateSerializer, Alias("cc.CampaignState")]
public sealed class CampaignState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public CampaignDefinition Definition { get; set; } = new();
    [Id(2)] public CampaignStatus Status { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public CampaignCounters Counters { get; set; } = new();
    /// <summary>Logged-in agents and the state each last reported.</summary>
    [Id(5)] public Dictionary<string, AgentStatus> Agents { get; set; } = [];
    [Id(6)] public Dictionary<string, ActiveCall> ActiveCalls { get; set; } = [];
    /// <summary>Phones of the logged-in agents, so a call can be bridged without asking the agent.</summary>
    [Id(7)] public Dictionary<string, string?> AgentSipUris { get; set; } = [];
    /// <summary>Live-answered and abandoned calls per calling day ("yyyy-MM-dd", UTC), the last 30 days.</summary>
    [Id(8)] public Dictionary<string, DailyCalls> Days { get; set; } = [];
}
