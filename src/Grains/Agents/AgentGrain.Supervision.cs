using ContactCenter.Grains.Calls;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Agents;

// An agent in Dialing or Connected is held there by a call, and it is the call (or the campaign, for a
// call that never reached the agent) that moves it on. Both can fail to: the campaign activation that
// parked the agent for its next lead dies with its silo, a release meets the database away, the campaign
// completes and stops checking its agents. So the agent watches its own call while it holds one, and lets
// go of a call that is over or was never placed; nothing can leave it in Dialing or Connected for good.
public sealed partial class AgentGrain
{
    // Short enough that a stranded agent is back within 30 s; the check is one grain call, mostly local.
    private static readonly TimeSpan CallCheckPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CallCheckTimeout = TimeSpan.FromSeconds(5);
    private IGrainTimer? callCheck;
    /// <summary>The call the previous check found over; letting go needs two checks in a row to agree.</summary>
    private string? callSeenOver;

    public async Task<(AgentStatus Status, string? CampaignId)> SuperviseAsync()
    {
        EnsureExists();
        if (S.Status is not (AgentStatus.Dialing or AgentStatus.Connected) || S.CurrentCallId is not { } callId) return (S.Status, S.CampaignId);
        // A call that ended or was never placed, asked by the campaign (which would have parked this agent had
        // it heard of the end): let go now.
        if (IsOver(await GrainFactory.GetGrain<ICallGrain>(callId).GetLivenessAsync())) await LetGoOfCallAsync(callId);
        return (S.Status, S.CampaignId);
    }

    /// <summary>
    /// Unknown: nothing stored (its campaign died between reserving this agent and placing it, or its record
    /// and lead are settled). Ended, for an agent still Dialing: the call never reached it, and the campaign
    /// that would give it its next lead did not hear of the end. A Lost call recovers itself and tells us;
    /// a Connected agent of an Ended call is the call's to wrap up (it retries until it has).
    /// </summary>
    private bool IsOver(CallLiveness liveness) =>
        liveness == CallLiveness.Unknown || (liveness == CallLiveness.Ended && S.Status == AgentStatus.Dialing);

    /// <summary>Keeps the self-check running exactly while the agent holds a call.</summary>
    private void WatchCall()
    {
        if (S.Status is AgentStatus.Dialing or AgentStatus.Connected && S.CurrentCallId is not null)
        {
            callCheck ??= this.RegisterGrainTimer(CheckCallAsync,
                new GrainTimerCreationOptions(CallCheckPeriod, CallCheckPeriod) { Interleave = false, KeepAlive = true });
            return;
        }
        callCheck?.Dispose();
        callCheck = null;
        callSeenOver = null;
    }

    private async Task CheckCallAsync()
    {
        if (S.Status is not (AgentStatus.Dialing or AgentStatus.Connected) || S.CurrentCallId is not { } callId)
        {
            WatchCall();
            return;
        }
        CallLiveness liveness;
        try
        {
            liveness = await GrainFactory.GetGrain<ICallGrain>(callId).GetLivenessAsync().WaitAsync(CallCheckTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCallCheckFailed(Id, callId, ex.GetType().Name);
            return;
        }
        if (!IsOver(liveness))
        {
            callSeenOver = null;
            return;
        }
        // Seen over once: the set-up may still be on its way, or the campaign about to hand this agent its next
        // lead. Over again a period later, nobody is coming.
        if (callSeenOver != callId)
        {
            callSeenOver = callId;
            return;
        }
        await LetGoOfCallAsync(callId);
    }

    private async Task LetGoOfCallAsync(string callId)
    {
        // Its record and lead are settled by the call (a call clears its state only then): nothing to wrap up.
        LogCallVanished(Id, callId, S.Status);
        S.CurrentCallId = null;
        S.ConnectedAt = null;
        await MoveAsync(AgentStatus.Ready);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId}: call {CallId} is over or was never placed; leaving {Status}")]
    private partial void LogCallVanished(string agentId, string callId, AgentStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agent {AgentId}: checking call {CallId} failed ({Error}); next period")]
    private partial void LogCallCheckFailed(string agentId, string callId, string error);
}
