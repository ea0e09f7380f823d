namespace ContactCenter.Grains.Campaigns;

public enum DialerType
{
    /// <summary>The agent sees the lead first and decides to dial or skip.</summary>
    Preview,
    /// <summary>Progressive: one call per Ready agent, bridged on answer.</summary>
    Auto,
    /// <summary>An AI agent holds the conversation; no human needed.</summary>
    Broadcast,
    /// <summary>Dials ahead of the agents under an abandon-rate target; an answered call goes to the agent free longest.</summary>
    Predictive,
}
