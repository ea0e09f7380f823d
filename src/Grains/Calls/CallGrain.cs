using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Telephony.Carrier;
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
        // The lead refuses a second concurrent dial and a DNC number; nothing is persisted before it agrees.
        await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).BeginDialAsync(Id, start.CampaignId);
        state.State.Start = start;
        state.State.Call = new CallSnapshot
        {
            Id = Id, CampaignId = start.CampaignId, LeadId = start.LeadId, AgentId = start.AgentId, Destination = start.Destination,
            CallerId = start.CallerId, Status = CallStatus.Dialing, CreatedAt = now, DialingAt = now,
        };
        await state.WriteStateAsync();
        try
        {
            var stayOnMachine = await LeavesVoicemailAsync(start);
            await carrier.PlaceCallAsync(new OutboundCallRequest(Id, start.CampaignId, start.Destination, start.CallerId ?? "",
                start.Simulation?.ToProfile(), TimeSpan.FromSeconds(start.RingTimeoutSeconds), start.DetectAnsweringMachine, stayOnMachine));
        }
        catch (Exception ex)
        {
            LogCarrierRefused(Id, ex.Message);
            await FailAsync(CallOutcome.CarrierError, ex.Message);
        }
        return Call;
    }

    public async Task OnCarrierEventAsync(CallProgress e)
    {
        if (state.State.Call is null) { LogStrayEvent(Id, e.Kind); return; }
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
        if (!Call.IsLive) throw new InvalidTransitionException("Call", Id, Call.Status.ToString(), "hang up");
        await carrier.HangUpAsync(Id);
    }

    public async Task ApplyDispositionAsync(WrapUpRequest wrapUp, string? agentId)
    {
        var call = Call;
        if (call.Status != CallStatus.Completed || call.AnsweredAt is null)
            throw new InvalidTransitionException("Call", Id, call.Status.ToString(), "take a disposition");
        if (state.State.DispositionApplied) throw new InvalidTransitionException($"Call '{Id}' already has a disposition.");
        var campaign = GrainFactory.GetGrain<ICampaignGrain>(call.CampaignId);
        var definition = (await campaign.GetAsync()).Definition;
        var disposition = definition.FindDisposition(wrapUp.Disposition)
            ?? (wrapUp.Disposition == DispositionSet.WrapUpTimeoutDefault ? new Disposition(DispositionSet.WrapUpTimeoutDefault, Retry: true) : null)
            ?? throw new ValidationFailedException("disposition", $"'{wrapUp.Disposition}' is not a disposition of this campaign. Use one of: {string.Join(", ", definition.Dispositions.Select(d => d.Name))}.");
        if (call.LeadId is { } leadId)
            await GrainFactory.GetGrain<ILeadGrain>(leadId).ApplyDispositionAsync(disposition, wrapUp, agentId, definition.Retry);
        state.State.DispositionApplied = true;
        await SaveAsync(call with { Disposition = disposition.Name, Notes = wrapUp.Notes });
        await records.UpsertAsync(Call);
        await campaign.DispositionRecordedAsync(disposition.Name);
    }

    public Task<CallSnapshot> GetAsync() => Task.FromResult(Call);

    private async Task AnswerAsync(DateTimeOffset at)
    {
        var start = state.State.Start!;
        Remember(Call with { Status = CallStatus.Answered, AnsweredAt = at });
        // A person is on the line: reach the agent first, bookkeeping after.
        if (start.AgentId is { } agentId)
        {
            try
            {
                await carrier.BridgeAsync(Id, new AgentEndpoint(agentId, start.AgentSipUri));
                await GrainFactory.GetGrain<IAgentGrain>(agentId).ConnectAsync(Id);
                Remember(Call with { Status = CallStatus.Connected, ConnectedAt = time.GetUtcNow() });
                LogConnected(Id, agentId, (time.GetUtcNow() - at).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is DomainException or InvalidOperationException)
            {
                // No agent to take the call: it is abandoned; end it rather than leave a person in silence.
                LogNotConnected(Id, agentId, ex.Message);
                await carrier.HangUpAsync(Id);
            }
        }
        await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).RecordAttemptAsync(Id, CallOutcome.Answered, start.Retry);
        if (start.AgentId is null)
        {
            await StartConversationAsync(voicemail: false); // Broadcast: the AI agent takes the call from here.
        }
    }

    /// <param name="voicemail">What a Broadcast call kept up on a machine left there, if anything.</param>
    /// <param name="keptUp">The call stayed up on the machine to leave a message.</param>
    private async Task FailAsync(CallOutcome outcome, string? detail, ConversationDetails? voicemail = null, bool keptUp = false)
    {
        var start = state.State.Start!;
        await SaveAsync(Call with { Status = CallStatus.Failed, Outcome = outcome, EndedAt = time.GetUtcNow(), Notes = detail });
        await records.UpsertAsync(Call);
        if (outcome == CallOutcome.Voicemail && start.Broadcast is not null) await RecordVoicemailAsync(voicemail, keptUp);
        try
        {
            await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).RecordAttemptAsync(Id, outcome, start.Retry);
        }
        catch (DomainException ex)
        {
            LogLeadNotUpdated(Id, start.LeadId, ex.Message);
        }
        await GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId).CallEndedAsync(Id, start.AgentId, outcome, connected: false, abandoned: false);
    }

    private async Task CompleteAsync(DateTimeOffset at)
    {
        var start = state.State.Start!;
        var connected = Call.Status == CallStatus.Connected;
        // Answered for an agent but never bridged to one: the person heard nobody (abandoned).
        var abandoned = !connected && start.AgentId is not null;
        await SaveAsync(Call with { Status = CallStatus.Completed, Outcome = CallOutcome.Answered, EndedAt = at });
        await records.UpsertAsync(Call);
        if (connected && (start.AgentId ?? Call.AgentId) is { } agentId)
        {
            await GrainFactory.GetGrain<IAgentGrain>(agentId).CallEndedAsync(Id, start.WrapUpTimeoutSeconds);
        }
        await GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId).CallEndedAsync(Id, start.AgentId, CallOutcome.Answered, connected, abandoned);
    }

    /// <summary>
    /// Progress within a live call stays in memory: the call and its media die with the silo anyway,
    /// and the steps reach PostgreSQL in the call record when the call ends.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} answered but not connected to agent {AgentId}: {Reason}")]
    private partial void LogNotConnected(string callId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: lead {LeadId} not updated: {Reason}")]
    private partial void LogLeadNotUpdated(string callId, long leadId, string reason);
}
