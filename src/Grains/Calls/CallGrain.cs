using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace ContactCenter.Grains.Calls;

// The carrier (and so the media) of a call runs in the silo that activated the grain: keep them together.
[PreferLocalPlacement]
public sealed partial class CallGrain(
    [PersistentState("call", GrainStorage.Name)] IPersistentState<CallState> state,
    ICarrier carrier,
    CallRecordStore records,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private string Id => this.GetPrimaryKeyString();

    private CallSnapshot Call => state.State.Call ?? throw new EntityNotFoundException("Call", Id);

    public async Task<CallSnapshot> StartAsync(CallStart start)
    {
        if (state.State.Call is { } existing) throw new InvalidTransitionException("Call", Id, existing.Status.ToString(), "start");
        var now = time.GetUtcNow();
        // The call is on record before its lead is marked Dialing, so that whatever activation finds the
        // lead pointing here after a crash knows the call's campaign, agent and retry rules.
        state.State.Start = start;
        state.State.Call = new CallSnapshot
        {
            Id = Id, CampaignId = start.CampaignId, LeadId = start.LeadId, AgentId = start.AgentId, Destination = start.Destination,
            CallerId = start.CallerId, Status = CallStatus.Dialing, CreatedAt = now, DialingAt = now,
        };
        await state.WriteStateAsync();
        try
        {
            // The lead refuses a second concurrent dial and a DNC number.
            var grounds = new DialGrounds(start.Window ?? new(), start.Retry, start.CallerId, start.CallerIdReason ?? (start.CallerId is null ? "none set" : "given by the caller"));
            await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).BeginDialAsync(Id, start.CampaignId, grounds);
        }
        catch (DomainException)
        {
            await ClearAsync(deactivate: false);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The database or cluster failed us: whether the lead was marked is unknown and nothing was
            // dialed. Treated like a call whose silo died, it is ended (or dropped) when anyone asks after it.
            orphaned = true;
            throw;
        }
        KeepAliveWhileLive();
        try
        {
            var stayOnMachine = await LeavesVoicemailAsync(start);
            await carrier.PlaceCallAsync(new OutboundCallRequest(Id, start.CampaignId, start.Destination, start.CallerId ?? "",
                start.Simulation?.ToProfile(), TimeSpan.FromSeconds(start.RingTimeoutSeconds), start.DetectAnsweringMachine, stayOnMachine));
        }
        catch (Exception ex) when (ex is not DomainException)
        {
            LogCarrierRefused(Id, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
            await FailAsync(CallOutcome.CarrierError, ex.Message);
        }
        return state.State.Call ?? settled!;
    }

    public async Task OnCarrierEventAsync(CallProgress e)
    {
        if (state.State.Call is null) { LogStrayEvent(Id, e.Kind); return; }
        // An ended call whose bookkeeping met a failure (the database away) finishes it on the retried event.
        if (!Call.IsLive && !state.State.Finished && e.Kind is CallEventKind.Failed or CallEventKind.HungUp) { await FinishAsync(); return; }
        switch (e.Kind)
        {
            case CallEventKind.Dialing:
                break;
            case CallEventKind.Ringing when Call.Status == CallStatus.Dialing:
                Remember(Call with { Status = CallStatus.Ringing, RingingAt = e.At });
                break;
            case CallEventKind.Answered when Call.Status is CallStatus.Dialing or CallStatus.Ringing && e.Outcome == CallOutcome.Voicemail:
                // A machine, kept up because the script leaves a message after the beep.
                Remember(Call with { Status = CallStatus.Answered, AnsweredAt = e.At, Notes = e.Detail });
                await StartConversationAsync(voicemail: true);
                break;
            case CallEventKind.Answered when Call.Status is CallStatus.Dialing or CallStatus.Ringing:
                await AnswerAsync(e.At);
                break;
            case CallEventKind.Failed when Call.Status is CallStatus.Dialing or CallStatus.Ringing:
                await FailAsync(e.Outcome == CallOutcome.None ? CallOutcome.CarrierError : e.Outcome, e.Detail);
                break;
            case CallEventKind.HungUp when Call.Status is CallStatus.Answered or CallStatus.Connected:
                if (conversation is { } running)
                {
                    // The far end left mid-conversation: stop the agent and keep what was heard.
                    conversation = null;
                    await running.StopAsync(StopWait);
                    await FinishConversationAsync(running, ConversationEnd.FarEndHungUp);
                }
                if (Call.IsLive) await CompleteAsync(e.At);
                break;
            default:
                LogIgnoredEvent(Id, e.Kind, Call.Status);
                break;
        }
    }

    public async Task HangUpAsync()
    {
        var call = await CurrentAsync();
        if (!call.IsLive) throw new InvalidTransitionException("Call", Id, call.Status.ToString(), "hang up");
        await carrier.HangUpAsync(Id);
    }

    public async Task ApplyDispositionAsync(WrapUpRequest wrapUp, string? agentId)
    {
        var call = await CurrentAsync();
        if (call.Status != CallStatus.Completed || call.AnsweredAt is null)
            throw new InvalidTransitionException("Call", Id, call.Status.ToString(), "take a disposition");
        // Settled and cleared while the agent's request was in flight, its answer lost with a silo: the
        // agent's retry finds the work done. (A second wrap-up by a person is refused by the agent first.)
        if (state.State.Call is null && call.Disposition is not null && agentId is not null && agentId == call.AgentId) return;
        if (state.State.DispositionApplied || state.State.Call is null) throw new InvalidTransitionException($"Call '{Id}' already has a disposition.");
        var campaign = GrainFactory.GetGrain<ICampaignGrain>(call.CampaignId);
        var start = state.State.Start!;
        // The set the call started with; a call started by an earlier version asks its campaign.
        var dispositions = start.Dispositions ?? (await campaign.GetAsync()).Definition.Dispositions;
        // A wrap-up that ended without the agent's choice takes the one the set names for it. "No Disposition"
        // by name is how agents and recoveries of earlier versions (and this grain's own recovery) ask for it.
        var disposition = (wrapUp.WrapUpTimedOut ? DispositionSet.ForWrapUpTimeout(dispositions) : null)
            ?? DispositionSet.Find(dispositions, wrapUp.Disposition)
            ?? (wrapUp.Disposition == DispositionSet.WrapUpTimeoutDefault ? DispositionSet.ForWrapUpTimeout(dispositions) : null)
            ?? throw new ValidationFailedException("disposition", $"'{wrapUp.Disposition}' is not a disposition of this campaign. Use one of: {string.Join(", ", dispositions.Select(d => d.Name))}.");
        if (call.LeadId is { } leadId)
        {
            var lead = GrainFactory.GetGrain<ILeadGrain>(leadId);
            try
            {
                await lead.ApplyDispositionAsync(disposition, wrapUp, agentId, start.Retry);
            }
            catch (InvalidTransitionException)
            {
                // The answer never reached the lead (the database was away then): record it, then the disposition.
                if ((await lead.GetAsync()) is not { Status: LeadStatus.Dialing } dialing || dialing.CurrentCallId != Id) throw;
                await lead.RecordAttemptAsync(Id, CallOutcome.Answered, start.Retry);
                await lead.ApplyDispositionAsync(disposition, wrapUp, agentId, start.Retry);
            }
        }
        state.State.DispositionApplied = true;
        await SaveAsync(call with { Disposition = disposition.Name, Notes = wrapUp.Notes });
        await records.UpsertAsync(Call);
        await campaign.DispositionRecordedAsync(disposition.Name);
        await ClearIfSettledAsync();
    }

    public Task<CallSnapshot> GetAsync() => CurrentAsync();

    /// <summary>The call from state while it is live or awaits its disposition, from its final record after.</summary>
    private async Task<CallSnapshot> CurrentAsync() =>
        state.State.Call ?? await records.GetAsync(Id) ?? throw new EntityNotFoundException("Call", Id);

    private async Task AnswerAsync(DateTimeOffset at)
    {
        var start = state.State.Start!;
        Remember(Call with { Status = CallStatus.Answered, AnsweredAt = at });
        if (start.ConnectOnAnswer && start.AgentId is null) start = await TakeAgentAsync(start);
        // A person is on the line: reach the agent first, bookkeeping after (its state write included).
        if (start.AgentId is { } agentId) await ConnectAgentAsync(start, agentId, at);
        await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).RecordAttemptAsync(Id, CallOutcome.Answered, start.Retry);
        if (Call.Status == CallStatus.Answered) await SaveAsync(Call);
        if (start.ConnectOnAnswer && start.AgentId is null)
        {
            // Predictive with no agent free: wait for one up to the abandon threshold, then abandon (never silence).
            if (start.AgentWaitSeconds is > 0)
            {
                PrepareSafeHarbor(start);
                WaitForAgent();
            }
            else await AbandonNowAsync(start);
        }
        else if (start.AgentId is null)
        {
            await StartConversationAsync(voicemail: false); // Broadcast: the AI agent takes the call from here.
        }
    }

    private async Task ConnectAgentAsync(CallStart start, string agentId, DateTimeOffset answeredAt)
    {
        try
        {
            await carrier.BridgeAsync(Id, new AgentEndpoint(agentId, start.AgentSipUri));
            await GrainFactory.GetGrain<IAgentGrain>(agentId).ConnectAsync(Id);
            // On record: should this silo die now, the agent is sent to WrapUp, not left Connected.
            await SaveAsync(Call with { Status = CallStatus.Connected, ConnectedAt = time.GetUtcNow() });
            LogConnected(Id, agentId, (time.GetUtcNow() - answeredAt).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is DomainException or InvalidOperationException)
        {
            // No agent to take the call (or the person left meanwhile): it is abandoned; end it rather than leave a person in silence.
            LogNotConnected(Id, agentId, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
            await AbandonAsync(start);
        }
    }

    private async Task AbandonNowAsync(CallStart start)
    {
        LogAbandoned(Id);
        await AbandonAsync(start);
    }

    /// <summary>
    /// Predictive: the campaign hands the answered call to its Ready agent free longest. From here the call is
    /// that agent's as if dialed for it (recovery included: the start is saved with the connection).
    /// </summary>
    private async Task<CallStart> TakeAgentAsync(CallStart start)
    {
        try
        {
            if (await GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId).TakeAgentForAsync(Id) is not { } agent) return start;
            start = start with { AgentId = agent.AgentId, AgentSipUri = agent.SipUri };
            state.State.Start = start;
            Remember(Call with { AgentId = agent.AgentId });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The campaign could not be asked (its silo away): nobody takes the call.
            LogNotConnected(Id, "(none)", ex.GetType().Name);
        }
        return start;
    }

    // With the campaign's agentWaitSeconds, an agent finishing a wrap-up a moment after the answer still takes the
    // call (the person hears the line open, not a message). The wait runs on a timer, not inside a turn, so that a
    // person who hangs up meanwhile is heard at once (the hang-up ends the call as abandoned and stops the wait).
    private static readonly TimeSpan AgentRetryPause = TimeSpan.FromMilliseconds(150);
    private IGrainTimer? agentWait;

    private void WaitForAgent() => agentWait ??= this.RegisterGrainTimer(WaitForAgentTickAsync,
        new GrainTimerCreationOptions(AgentRetryPause, AgentRetryPause) { Interleave = false, KeepAlive = true });

    private async Task WaitForAgentTickAsync()
    {
        var start = state.State.Start;
        if (start is null || state.State.Call is not { Status: CallStatus.Answered, AnsweredAt: { } answeredAt } || start.AgentId is not null)
        {
            StopWaitingForAgent(); // hung up, recovered or connected meanwhile
            return;
        }
        start = await TakeAgentAsync(start);
        if (start.AgentId is { } agentId)
        {
            StopWaitingForAgent();
            await ConnectAgentAsync(start, agentId, answeredAt);
            if (Call.Status == CallStatus.Answered) await SaveAsync(Call);
            return;
        }
        var giveUpAt = answeredAt + TimeSpan.FromSeconds(start.AgentWaitSeconds ?? 0);
        if (time.GetUtcNow() + AgentRetryPause <= giveUpAt) return;
        StopWaitingForAgent();
        await AbandonNowAsync(start);
    }

    private void StopWaitingForAgent()
    {
        agentWait?.Dispose();
        agentWait = null;
    }

    /// <param name="voicemail">What a Broadcast call kept up on a machine left there, if anything.</param>
    /// <param name="keptUp">The call stayed up on the machine to leave a message.</param>
    private async Task FailAsync(CallOutcome outcome, string? detail, ConversationDetails? voicemail = null, bool keptUp = false)
    {
        var start = state.State.Start!;
        await SaveAsync(Call with { Status = CallStatus.Failed, Outcome = outcome, EndedAt = time.GetUtcNow(), Notes = detail });
        if (outcome == CallOutcome.Voicemail && start.Broadcast is not null)
        {
            await records.UpsertAsync(Call); // the conversation's details hang off the record
            await RecordVoicemailAsync(voicemail, keptUp);
        }
        await FinishAsync();
    }

    private async Task CompleteAsync(DateTimeOffset at)
    {
        await SaveAsync(Call with { Status = CallStatus.Completed, Outcome = CallOutcome.Answered, EndedAt = at });
        await FinishAsync();
    }

    /// <summary>
    /// Ringing stays in memory: should the silo die, the call is recovered as lost either way. The
    /// answer and the connection to an agent are saved (they decide where agent and lead go then).
    /// </summary>
    private void Remember(CallSnapshot call) => state.State.Call = call;

    private async Task SaveAsync(CallSnapshot call)
    {
        state.State.Call = call;
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: carrier refused the call: {Reason}")]
    private partial void LogCarrierRefused(string callId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: event {Kind} for a call never started")]
    private partial void LogStrayEvent(string callId, CallEventKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: event {Kind} ignored in state {Status}")]
    private partial void LogIgnoredEvent(string callId, CallEventKind kind, CallStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} connected to agent {AgentId} {LatencyMs} ms after answer")]
    private partial void LogConnected(string callId, string agentId, double latencyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} answered with no agent Ready: abandoned")]
    private partial void LogAbandoned(string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} answered but not connected to agent {AgentId}: {Reason}")]
    private partial void LogNotConnected(string callId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: lead {LeadId} not updated: {Reason}")]
    private partial void LogLeadNotUpdated(string callId, long leadId, string reason);
}
