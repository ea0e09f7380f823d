using ContactCenter.Grains.Agents;
using ContactCenter.Telephony.Carrier;
using Orleans.Concurrency;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// One campaign: its definition, its Draft → Running ⇄ Paused → Stopped/Completed life cycle,
/// its logged-in agents and the pacing timer that dials for them.
/// </summary>
[Alias("cc.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    Task<CampaignSnapshot> CreateAsync(CampaignDefinition definition);
    Task<CampaignSnapshot> UpdateAsync(CampaignDefinition definition);
    Task DeleteAsync();
    // Read-only, and calls ask it for the dispositions while the campaign may be waiting on their agent.
    [AlwaysInterleave] Task<CampaignSnapshot> GetAsync();
    Task<CampaignSnapshot> StartAsync();
    Task<CampaignSnapshot> PauseAsync();
    Task<CampaignSnapshot> ResumeAsync();
    Task<CampaignSnapshot> StopAsync();
    /// <summary>
    /// Counters, agents and lead totals. Interleaves: counting the leads of big lists takes a
    /// database round trip of ~150 ms per million leads, which dashboards polling it must not add
    /// to the pacing turns; it only reads the grain's state, after the count.
    /// </summary>
    [AlwaysInterleave] Task<CampaignStats> GetStatsAsync();
    /// <summary>Ids of the calls this campaign has in flight.</summary>
    [AlwaysInterleave] Task<IReadOnlyList<string>> GetActiveCallIdsAsync();
    Task<CampaignSnapshot> AttachListAsync(long listId);
    /// <summary>
    /// Stops dialing a list: its leads the hopper holds undialed go back to the pool (previews on
    /// screen and live calls finish). A running or paused campaign keeps at least one list.
    /// </summary>
    Task<CampaignSnapshot> DetachListAsync(long listId);
    Task<CampaignSnapshot> AssignAgentsAsync(IReadOnlyList<string> agentIds);

    /// <summary>Preview dialer: the lead reserved for a Ready agent, or null while none is callable.</summary>
    [AlwaysInterleave] Task<long?> GetPreviewAsync(string agentId);
    /// <summary>Preview dialer: the agent dials the previewed lead (Ready → Dialing).</summary>
    Task<string> DialPreviewAsync(string agentId);
    /// <summary>Preview dialer: the agent skips the lead; it returns to the hopper, or becomes a callback when a time is given.</summary>
    Task SkipPreviewAsync(string agentId, string? reason, DateTimeOffset? callbackAt);

    // Agents and calls report to the campaign while the campaign may itself be waiting on them
    // (the pacing turn reserves agents and starts calls), so these only touch memory and interleave.

    /// <summary>An agent logs in to this campaign; throws when the campaign is missing or the agent is not assigned.</summary>
    [AlwaysInterleave] Task JoinAsync(string agentId, string? sipUri = null);
    [AlwaysInterleave] Task LeaveAsync(string agentId);
    [AlwaysInterleave] Task AgentStatusChangedAsync(string agentId, AgentStatus status);
    /// <summary>A call of this campaign ended (answered or not).</summary>
    [AlwaysInterleave] Task CallEndedAsync(string callId, string? agentId, CallOutcome outcome, bool connected, bool abandoned);
    [AlwaysInterleave] Task DispositionRecordedAsync(string disposition);
    /// <summary>
    /// Predictive: a call dialed for no agent in particular was answered; the Ready agent free longest is
    /// reserved for it and returned, or null when none is Ready (the call is abandoned).
    /// </summary>
    [AlwaysInterleave] Task<AssignedAgent?> TakeAgentForAsync(string callId);
    /// <summary>Asks for a pacing turn soon, without waiting for it.</summary>
    [OneWay] Task PaceAsync();

    /// <summary>Activates the campaign (a Running one resumes dialing) and makes sure its reminder exists.</summary>
    Task WakeAsync();
}
