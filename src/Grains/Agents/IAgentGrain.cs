using ContactCenter.Grains.Dispositions;

namespace ContactCenter.Grains.Agents;

/// <summary>
/// One agent's state machine: Offline → Paused → Ready → Dialing → Connected → WrapUp → Ready.
/// Every method refuses a transition the current state does not allow with
/// <see cref="Common.InvalidTransitionException"/>.
/// </summary>
[Alias("cc.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    Task<AgentSnapshot> CreateAsync(AgentProfile profile);
    Task<AgentSnapshot> UpdateAsync(AgentProfile profile);
    Task DeleteAsync();
    // Read-only; a call recovering after its silo died asks it while the agent may be waiting on calls.
    [Orleans.Concurrency.AlwaysInterleave] Task<AgentSnapshot> GetAsync();

    /// <summary>Offline → Paused("LoggedIn"), working the named campaign.</summary>
    Task<AgentSnapshot> LoginAsync(string campaignId);
    /// <summary>Paused → Ready.</summary>
    Task<AgentSnapshot> ReadyAsync();
    /// <summary>Ready, WrapUp or Paused → Paused with a reason code.</summary>
    Task<AgentSnapshot> PauseAsync(string reason);
    /// <summary>Paused, Ready or WrapUp → Offline.</summary>
    Task<AgentSnapshot> LogoutAsync();

    /// <summary>Ready → Dialing: the campaign is placing <paramref name="callId"/> for this agent.</summary>
    Task ReserveAsync(string callId);
    /// <summary>Dialing → Dialing: the campaign moves the reservation to its next attempt (Auto dialer after a no-answer).</summary>
    Task ReassignAsync(string fromCallId, string toCallId);
    /// <summary>Dialing → Ready: the attempt ended without a person and nothing else is dialed for the agent.</summary>
    Task ReleaseAsync(string callId);
    /// <summary>Dialing → Connected: the customer answered and is bridged to this agent.</summary>
    Task ConnectAsync(string callId);
    /// <summary>Connected → WrapUp: the call ended. With a timeout, WrapUp ends by itself with the default disposition.</summary>
    Task CallEndedAsync(string callId, int? wrapUpTimeoutSeconds = null);
    /// <summary>The agent's phone leg hung up by itself: an idle agent is paused ("PhoneDisconnected").</summary>
    Task PhoneDroppedAsync();

    /// <summary>True when the agent is wrapping call <paramref name="callId"/> up (its timer running again); false when it will not.</summary>
    // Memory only; the call asking may be the one this agent's wrap-up timer is waiting on.
    [Orleans.Concurrency.AlwaysInterleave] Task<bool> ResumeWrapUpAsync(string callId);

    /// <summary>
    /// Lets go of a call that no longer exists (Dialing or Connected on a call nothing knows of) and
    /// says where the agent is now, for a campaign whose saved view of its agents may be stale.
    /// </summary>
    Task<(AgentStatus Status, string? CampaignId)> SuperviseAsync();
    /// <summary>WrapUp → Ready: the agent submits notes, tags and a disposition for the last call.</summary>
    Task<AgentSnapshot> CompleteWrapUpAsync(WrapUpRequest request);
}
