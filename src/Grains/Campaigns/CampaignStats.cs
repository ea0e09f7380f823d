using ContactCenter.Grains.Agents;

namespace ContactCenter.Grains.Campaigns;

/// <summary>The dialer dashboard's view of one campaign.</summary>
[GenerateSerializer, Immutable, Alias("cc.CampaignStats")]
public sealed record CampaignStats(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] CampaignStatus Status,
    [property: Id(2)] long LeadsTotal,
    [property: Id(3)] long LeadsRemaining,
    [property: Id(4)] CampaignCounters Counters,
    [property: Id(5)] Dictionary<AgentStatus, int> AgentsByState,
    [property: Id(6)] int CallsInFlight,
    [property: Id(7)] int HopperSize,
    [property: Id(8)] AbandonRate? AbandonRate = null,
    [property: Id(9)] DialingIdle? Idle = null,
    [property: Id(10)] BroadcastPaceStats? Broadcast = null);
