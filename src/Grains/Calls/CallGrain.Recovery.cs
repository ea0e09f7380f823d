using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Calls;

// A live call lives in one activation: its carrier leg and media are in that silo's memory, and a
// timer keeps the activation while the call lasts. So an activation that loads a live call from
// storage was not there when the call went live: the silo (or process) that held it died, and the
// call is lost. It is then ended here as the carrier would have ended it, and its agent, lead and
// campaign move on. The call sweep (Recovery/CallSweepGrain) pokes the call of every lead that is
// Dialing or Contacted, which is how such an activation comes to exist without anyone's help.
public sealed partial class CallGrain
{
    /// <summary>Loaded live from storage: the activation that placed the call is gone.</summary>
    private bool orphaned;
    private IGrainTimer? keepAlive;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        orphaned = state.State.Call is { IsLive: true };
        if (orphaned) LogOrphanFound(Id, state.State.Call!.Status);
        return Task.CompletedTask;
    }

    public Task<CallLiveness> GetLivenessAsync()
    {
        if (state.State.Call is not { } call) return Task.FromResult(CallLiveness.Unknown);
        if (orphaned)
        {
            // Answer at once (the asker may be the agent this recovery will call), recover in a turn of our own.
            this.RegisterGrainTimer(() => orphaned ? SuperviseCoreAsync() : Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
            return Task.FromResult(CallLiveness.Lost);
        }
        return Task.FromResult(call.IsLive ? CallLiveness.Live : CallLiveness.Ended);
    }

    public Task SuperviseAsync(long leadId) => state.State.Call is null ? ReleaseStrayLeadAsync(leadId) : SuperviseCoreAsync();

    private async Task SuperviseCoreAsync()
    {
        if (state.State.Call is not { } call) return;
        if (orphaned)
        {
            await RecoverLostAsync(call);
            orphaned = false;
        }
        else if (call.IsLive)
        {
            return;
        }
        else if (!state.State.Finished)
        {
            // The call ended but telling its lead, agent or campaign failed (a database error): again.
            await FinishAsync();
        }
        else
        {
            await SettleLeadAsync();
        }
    }

    /// <summary>Ends a call whose silo died: lost before an agent took it, or completed if one had.</summary>
    private async Task RecoverLostAsync(CallSnapshot call)
    {
        var start = state.State.Start!;
        var lead = GrainFactory.GetGrain<ILeadGrain>(start.LeadId);
        if (call.AnsweredAt is null && start.AgentId is { } agentId
            && await GrainFactory.GetGrain<IAgentGrain>(agentId).GetAsync() is { Status: AgentStatus.Connected } agent && agent.CurrentCallId == Id)
        {
            // The agent got the call before the silo died, though the call had not saved it yet.
            var at = time.GetUtcNow();
            call = call with { Status = CallStatus.Connected, AnsweredAt = at, ConnectedAt = at };
            state.State.Call = call;
        }
        if (call.AnsweredAt is null)
        {
            if ((await lead.GetAsync()).CurrentCallId != Id)
            {
                // The silo died before the lead was marked Dialing: nothing was dialed, so no record and no
                // attempt; the lead is still the campaign's (it hands such leads back) and the agent is freed.
                LogNeverPlaced(Id);
                await GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId).CallEndedAsync(Id, start.AgentId, CallOutcome.Lost, connected: false, abandoned: false);
                await ClearAsync();
                return;
            }
            await FailAsync(CallOutcome.Lost, "The silo holding the call stopped before it was answered");
            return;
        }
        // Answered: the lead counts the attempt as answered and waits for a disposition.
        try { await lead.RecordAttemptAsync(Id, CallOutcome.Answered, start.Retry); }
        catch (DomainException) { /* recorded before the silo died */ }
        await SaveAsync(call with { Notes = "The silo holding the call stopped; the call was lost" });
        await CompleteAsync(time.GetUtcNow());
        // With an agent connected, the agent is in WrapUp now and gives the disposition; otherwise nobody will.
        if (call.ConnectedAt is null) await SettleLeadAsync();
    }

    /// <summary>
    /// The lead of an answered call waits in Contacted for a disposition. When the agent who would give it
    /// is no longer wrapping this call up (logged out, or never connected), the default one settles it.
    /// </summary>
    private async Task SettleLeadAsync()
    {
        if (state.State.Call is not { Status: CallStatus.Completed, AnsweredAt: not null } call || state.State.DispositionApplied || call.Disposition is not null) return;
        var agentId = call.ConnectedAt is null ? null : state.State.Start!.AgentId ?? call.AgentId;
        if (agentId is not null && await GrainFactory.GetGrain<IAgentGrain>(agentId).ResumeWrapUpAsync(Id)) return;
        LogSettled(Id);
        try
        {
            await ApplyDispositionAsync(new WrapUpRequest(DispositionSet.WrapUpTimeoutDefault, "No agent wrapped this call up", WrapUpTimedOut: true), agentId);
        }
        catch (DomainException ex)
        {
            LogLeadNotUpdated(Id, call.LeadId ?? 0, ex.Message);
        }
    }

    /// <summary>A lead that points at a call of which nothing is stored: count the attempt as lost and let it go.</summary>
    private async Task ReleaseStrayLeadAsync(long leadId)
    {
        try
        {
            // Without the call's campaign its retry rules are unknown: the lead is not dialed again.
            if (await GrainFactory.GetGrain<ILeadGrain>(leadId).ReleaseLostCallAsync(Id)) LogStrayLeadReleased(Id, leadId);
        }
        catch (DomainException ex)
        {
            LogLeadNotUpdated(Id, leadId, ex.Message);
        }
        DeactivateOnIdle();
    }

    /// <summary>
    /// Tells the ended call's record, lead, agent and campaign, each step safe to repeat: a retried carrier
    /// event or the sweep runs it again when a step failed, until <see cref="CallState.Finished"/> is saved.
    /// </summary>
    private async Task FinishAsync()
    {
        keepAlive?.Dispose();
        keepAlive = null;
        var call = Call;
        var start = state.State.Start!;
        await records.UpsertAsync(call);
        var campaign = GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId);
        if (call.Status == CallStatus.Failed)
        {
            try
            {
                await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).RecordAttemptAsync(Id, call.Outcome, start.Retry);
            }
            catch (DomainException ex)
            {
                LogLeadNotUpdated(Id, start.LeadId, ex.Message);
            }
            await campaign.CallEndedAsync(Id, start.AgentId, call.Outcome, connected: false, abandoned: false);
        }
        else
        {
            var connected = call.ConnectedAt is not null;
            // Answered for an agent but never bridged to one: the person heard nobody (abandoned).
            var unbridged = !connected && (start.AgentId is not null || start.ConnectOnAnswer);
            // Bridged, but after the campaign's threshold: abandoned by the rule's count, though an agent took it.
            var late = connected && start.AbandonAfterSeconds is { } threshold && call.AnsweredAt is { } answeredAt
                && (call.ConnectedAt!.Value - answeredAt).TotalSeconds > threshold;
            var abandoned = unbridged || late;
            if (connected && (start.AgentId ?? call.AgentId) is { } agentId)
            {
                try
                {
                    await GrainFactory.GetGrain<IAgentGrain>(agentId).CallEndedAsync(Id, start.WrapUpTimeoutSeconds);
                }
                catch (DomainException ex)
                {
                    LogAgentNotUpdated(Id, agentId, ex.Message);
                }
            }
            if (unbridged && !state.State.DispositionApplied && start.Broadcast is null) await ApplyAbandonedAsync(start);
            await campaign.CallEndedAsync(Id, start.AgentId, CallOutcome.Answered, connected, abandoned);
        }
        state.State.Finished = true;
        await state.WriteStateAsync();
        await ClearIfSettledAsync();
    }

    /// <summary>An abandoned call takes the system's Abandoned disposition: its lead is retried, its record says so.</summary>
    private async Task ApplyAbandonedAsync(CallStart start)
    {
        var disposition = DispositionSet.Abandoned;
        try
        {
            await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).ApplyDispositionAsync(disposition, new WrapUpRequest(disposition.Name), null, start.Retry);
        }
        catch (DomainException ex)
        {
            LogLeadNotUpdated(Id, start.LeadId, ex.Message);
        }
        state.State.DispositionApplied = true;
        await SaveAsync(Call with { Disposition = disposition.Name });
        await records.UpsertAsync(Call);
    }

    /// <summary>
    /// Once the call detail record is final nothing reads the call's grain state (the API falls back to
    /// the record), so the row goes: storage keeps live calls and calls awaiting a disposition only.
    /// </summary>
    private async Task ClearIfSettledAsync()
    {
        if (state.State.Call is not { } call || call.IsLive || !state.State.Finished || conversation is not null) return;
        if (call.Status != CallStatus.Failed && !state.State.DispositionApplied && call.Disposition is null) return;
        await ClearAsync();
    }

    /// <summary>The call as it was when its state was cleared, for the turn that cleared it.</summary>
    private CallSnapshot? settled;

    /// <param name="deactivate">False when the campaign reuses the id at once (a lead refused the dial).</param>
    private async Task ClearAsync(bool deactivate = true)
    {
        settled = state.State.Call;
        keepAlive?.Dispose();
        keepAlive = null;
        await state.ClearStateAsync();
        state.State = new CallState();
        if (deactivate) DeactivateOnIdle();
    }

    /// <summary>Idle collection must not take a live call's activation: a fresh one would take the call for lost.</summary>
    private void KeepAliveWhileLive() =>
        keepAlive ??= this.RegisterGrainTimer(() => Task.CompletedTask, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = true });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: found {Status} in storage with no live activation (its silo stopped); recovering it")]
    private partial void LogOrphanFound(string callId, CallStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: its silo stopped before the lead was dialed; nothing to record")]
    private partial void LogNeverPlaced(string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: no agent is wrapping it up; its lead gets the default disposition")]
    private partial void LogSettled(string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: nothing stored, yet lead {LeadId} pointed at it; the lead is released")]
    private partial void LogStrayLeadReleased(string callId, long leadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: agent {AgentId} not updated: {Reason}")]
    private partial void LogAgentNotUpdated(string callId, string agentId, string reason);
}
