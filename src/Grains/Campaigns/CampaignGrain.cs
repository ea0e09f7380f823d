using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Pacing;
using Orleans;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Campaigns;

public sealed partial class CampaignGrain(
    [PersistentState("campaign", GrainStorage.Name)] IPersistentState<CampaignState> state,
    HopperStore hopperStore,
    CallerIdStore callerIdStore,
    ContactCenter.Grains.Leads.LeadStore leadStore,
    TimeProvider time,
    DialerMetrics metrics,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    private const string Entity = "Campaign";
    private static readonly TimeSpan PacingPeriod = TimeSpan.FromMilliseconds(250);
    private Hopper hopper = null!;
    private CampaignDialer dialer = null!;
    private IPacer pacer = null!;
    private PacingStatistics statistics = null!;
    private readonly AgentTimes agentTimes = new(time);
    private readonly LeadCounts leadCounts = new(hopperStore, time);
    private IGrainTimer? pacingTimer;
    private DateTimeOffset nextCompletionCheckAt;

    private string Id => this.GetPrimaryKeyString();
    private CampaignState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        hopper = new Hopper(Id, hopperStore, time)
        {
            HeldElsewhere = () => (pacer as PreviewPacer)?.LeadIds ?? [],
            Claimed = (count, took) => metrics.Claimed(Id, count, took),
            AgentLoggedIn = agentId => S.Agents.ContainsKey(agentId),
            PersonalCallbackWait = () => TimeSpan.FromMinutes(S.Definition.PersonalCallbackWaitMinutes),
        };
        statistics = new PacingStatistics(time, () => TimeSpan.FromMinutes((S.Definition.Predictive ?? new()).EvaluationWindowMinutes));
        dialer = new CampaignDialer(Id, () => state.State, hopper, GrainFactory, time, logger) { SetUpFailed = ReconcileSoon, Saved = SaveSoonAsync, CallerIds = new CallerIdChooser(callerIdStore, time) };
        pacer = CreatePacer();
        if (S.Exists)
        {
            // Leads queued by an earlier activation are not in this one's memory: hand them back.
            await hopperStore.ReleaseAllAsync(Id, cancellationToken);
            if (S.Status == CampaignStatus.Running) StartPacing();
            // Calls and agents this campaign held in an activation that died: check them in a turn of its own.
            if (S.ActiveCalls.Count > 0 || S.Agents.Count > 0)
                this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
        }
    }

    /// <summary>The campaign's dialer algorithm (the type changes only in Draft, with nothing held).</summary>
    private IPacer CreatePacer() => S.Definition.DialerType switch
    {
        DialerType.Preview => new PreviewPacer(hopper, time, () => TimeSpan.FromSeconds(S.Definition.PreviewTimeoutSeconds))
        {
            Expired = (agentId, leadId) => LogPreviewExpired(Id, agentId, leadId),
        },
        DialerType.Predictive => new PredictivePacer(hopper, statistics, () => S.Definition.Predictive ?? new()),
        DialerType.Broadcast => new BroadcastPacer(hopper, time, () => new BroadcastPace(S.Definition.MaxCallsPerSecond, S.Definition.MaxConcurrentCalls, SpeechHeadroom()), PacingPeriod),
        _ => new AutoPacer(hopper),
    };

    private ClaimRules Rules => new(S.Definition.ListIds, S.Definition.CallingWindow, S.Definition.Retry.MaxAttempts);

    public async Task<CampaignSnapshot> CreateAsync(CampaignDefinition definition)
    {
        definition.Validate();
        if (S.Exists) throw new InvalidTransitionException($"Campaign '{Id}' already exists.");
        var now = time.GetUtcNow();
        state.State = new CampaignState { Exists = true, Definition = Normalize(definition), Status = CampaignStatus.Draft, CreatedAt = now };
        pacer = CreatePacer();
        await SaveAsync();
        await Directory.UpsertAsync(new DirectoryEntry(Id, S.Definition.Name, now));
        return Snapshot();
    }

    public async Task<CampaignSnapshot> UpdateAsync(CampaignDefinition definition)
    {
        EnsureExists();
        definition.Validate();
        if (S.Status != CampaignStatus.Draft && definition.DialerType != S.Definition.DialerType)
            throw new InvalidTransitionException(Entity, Id, S.Status.ToString(), "change its dialer type (only a Draft can)");
        var typeChanged = definition.DialerType != S.Definition.DialerType;
        S.Definition = Normalize(definition);
        if (typeChanged) pacer = CreatePacer();
        ListsChanged();
        await SaveAsync();
        await Directory.UpsertAsync(new DirectoryEntry(Id, S.Definition.Name, S.CreatedAt));
        return Snapshot();
    }

    public async Task DeleteAsync()
    {
        EnsureExists();
        if (S.Status is CampaignStatus.Running or CampaignStatus.Paused || S.Agents.Count > 0 || S.ActiveCalls.Count > 0)
            throw new InvalidTransitionException(Entity, Id, S.Status.ToString(), "be deleted (stop it and log its agents out first)");
        await hopperStore.ReleaseAllAsync(Id);
        await Directory.RemoveAsync(Id);
        await state.ClearStateAsync();
        state.State = new CampaignState();
        DeactivateOnIdle();
    }

    public Task<CampaignSnapshot> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<CampaignSnapshot> StartAsync()
    {
        EnsureExists();
        Require("start", CampaignStatus.Draft, CampaignStatus.Stopped, CampaignStatus.Completed);
        if (S.Definition.ListIds.Count == 0) throw new ValidationFailedException("listIds", "Attach at least one lead list before starting.");
        await MoveAsync(CampaignStatus.Running);
        StartPacing();
        return Snapshot();
    }

    public async Task<CampaignSnapshot> PauseAsync()
    {
        EnsureExists();
        Require("pause", CampaignStatus.Running);
        await StopPacingAsync();
        await MoveAsync(CampaignStatus.Paused);
        return Snapshot();
    }

    public async Task<CampaignSnapshot> ResumeAsync()
    {
        EnsureExists();
        Require("resume", CampaignStatus.Paused);
        await MoveAsync(CampaignStatus.Running);
        StartPacing();
        return Snapshot();
    }

    public async Task<CampaignSnapshot> StopAsync()
    {
        EnsureExists();
        Require("stop", CampaignStatus.Running, CampaignStatus.Paused);
        // Live calls finish on their own; nothing new is dialed.
        await StopPacingAsync();
        await MoveAsync(CampaignStatus.Stopped);
        return Snapshot();
    }

    public async Task<CampaignStats> GetStatsAsync()
    {
        EnsureExists();
        var (total, remaining) = await leadCounts.GetAsync(S.Definition.ListIds);
        var byState = Enum.GetValues<AgentStatus>().Where(s => s != AgentStatus.Offline)
            .ToDictionary(s => s, s => S.Agents.Values.Count(a => a == s));
        return new CampaignStats(Id, S.Status, total, remaining, S.Counters, byState, S.ActiveCalls.Count, hopper.Count, AbandonRate.From(S.Days, time.GetUtcNow()),
            DialingIdle.Of(S, hopper, previewsOnScreen: pacer is PreviewPacer { Count: > 0 }, remaining, time.GetUtcNow()),
            pacer is BroadcastPacer broadcast ? BroadcastPaceStats.Of(S.Definition, broadcast, S.Status == CampaignStatus.Running, SpeechCapacity) : null);
    }

    /// <summary>The lists may hold other leads now: count afresh, and claim from all of them at the next turn.</summary>
    private void ListsChanged()
    {
        leadCounts.Reset();
        hopper.ListsChanged();
    }

    public Task<IReadOnlyList<string>> GetActiveCallIdsAsync() => Task.FromResult<IReadOnlyList<string>>(S.ActiveCalls.Keys.ToList());

    public async Task<CampaignSnapshot> AttachListAsync(long listId)
    {
        EnsureExists();
        if (listId <= 0) throw new ValidationFailedException("listId", "A list id is a positive number.");
        if (!S.Definition.ListIds.Contains(listId))
        {
            S.Definition = S.Definition with { ListIds = [.. S.Definition.ListIds, listId] };
            ListsChanged();
            await SaveAsync();
        }
        return Snapshot();
    }

    public async Task<CampaignSnapshot> DetachListAsync(long listId)
    {
        EnsureExists();
        if (!S.Definition.ListIds.Contains(listId)) throw new EntityNotFoundException("List", listId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"List {listId} is not attached to campaign '{Id}'.");
        if (S.Definition.ListIds.Count == 1 && S.Status is CampaignStatus.Running or CampaignStatus.Paused)
            throw new InvalidTransitionException(Entity, Id, S.Status.ToString(), "give up its last list (attach another first, or stop it)");
        S.Definition = S.Definition with { ListIds = [.. S.Definition.ListIds.Where(id => id != listId)] };
        leadCounts.Reset();
        await hopperStore.ReleaseAsync(Id, hopper.DropList(listId));
        await SaveAsync();
        return Snapshot();
    }

    public async Task<CampaignSnapshot> AssignAgentsAsync(IReadOnlyList<string> agentIds)
    {
        EnsureExists();
        if (agentIds.Any(string.IsNullOrWhiteSpace)) throw new ValidationFailedException("agentIds", "Agent ids must not be empty.");
        S.Definition = S.Definition with { AgentIds = [.. S.Definition.AgentIds.Union(agentIds.Select(a => a.Trim()))] };
        await SaveAsync();
        return Snapshot();
    }

    public Task JoinAsync(string agentId, string? sipUri = null)
    {
        EnsureExists();
        if (S.Definition.AgentIds.Count > 0 && !S.Definition.AgentIds.Contains(agentId))
            throw new InvalidTransitionException($"Agent '{agentId}' is not assigned to campaign '{Id}'.");
        S.Agents[agentId] = AgentStatus.Paused;
        S.AgentSipUris[agentId] = sipUri;
        return SaveSoonAsync();
    }

    public Task LeaveAsync(string agentId)
    {
        return S.Agents.Remove(agentId) ? SaveSoonAsync() : Task.CompletedTask;
    }

    public Task AgentStatusChangedAsync(string agentId, AgentStatus status)
    {
        if (!S.Agents.ContainsKey(agentId) && status == AgentStatus.Offline) return Task.CompletedTask;
        if (agentTimes.Changed(agentId, S.Agents.TryGetValue(agentId, out var was) ? was : null, status) is { } handled) statistics.Handled(handled);
        S.Agents[agentId] = status;
        if (status == AgentStatus.Ready && S.Status == CampaignStatus.Running) _ = Self.PaceAsync();
        return Task.CompletedTask;
    }

    public Task CallEndedAsync(string callId, string? agentId, CallOutcome outcome, bool connected, bool abandoned)
    {
        // A call reports once: it saves that it has (CallState.Finished) and repeats only when that failed.
        var now = time.GetUtcNow();
        if (S.ActiveCalls.Remove(callId, out var call))
            statistics.Attempted(outcome == CallOutcome.Answered, abandoned, (call.AnsweredAt ?? now) - call.StartedAt);
        AbandonRate.Count(S.Days, now, answered: outcome == CallOutcome.Answered, abandoned);
        metrics.CallEnded(Id, outcome, connected, abandoned);
        var c = S.Counters;
        S.Counters = c with
        {
            Answered = c.Answered + (outcome == CallOutcome.Answered ? 1 : 0),
            Connected = c.Connected + (connected ? 1 : 0),
            Abandoned = c.Abandoned + (abandoned ? 1 : 0),
            ConnectedLate = c.ConnectedLate + (abandoned && connected ? 1 : 0),
            Busy = c.Busy + (outcome == CallOutcome.Busy ? 1 : 0),
            NoAnswer = c.NoAnswer + (outcome == CallOutcome.NoAnswer ? 1 : 0),
            Voicemail = c.Voicemail + (outcome == CallOutcome.Voicemail ? 1 : 0),
            Failed = c.Failed + (outcome is CallOutcome.Rejected or CallOutcome.InvalidNumber or CallOutcome.CarrierError or CallOutcome.Cancelled ? 1 : 0),
        };
        return ReleaseAfterCallAsync(callId, agentId, connected);
    }

    private Task ReleaseAfterCallAsync(string callId, string? agentId, bool connected)
    {
        // A call that never reached its agent (unanswered, abandoned, lost) leaves the agent in Dialing:
        // the pacing turn dials the next lead for them. A stale repeat finds the agent elsewhere and is dropped.
        if (!connected && agentId is not null) dialer.Park(agentId, callId);
        if (agentId is null && S.Definition.DialerType == DialerType.Broadcast) dialer.ReleaseTrunkSlot(callId, TrunkName);
        hopper.ClaimSoon();
        _ = Self.PaceAsync();
        return SaveSoonAsync();
    }

    public Task<AssignedAgent?> TakeAgentForAsync(string callId) => dialer.TakeReadyAgentAsync(callId, agentTimes.LongestFirst);

    public Task DispositionRecordedAsync(string disposition)
    {
        var counts = new Dictionary<string, int>(S.Counters.Dispositions) { [disposition] = S.Counters.Dispositions.GetValueOrDefault(disposition) + 1 };
        S.Counters = S.Counters with { Dispositions = counts };
        hopper.ClaimSoon();
        return SaveSoonAsync();
    }

    public Task PaceAsync() => PaceTurnAsync();

    private ICampaignGrain Self => this.AsReference<ICampaignGrain>();

    private void StartPacing()
    {
        hopper.ListsChanged();
        pacingTimer ??= this.RegisterGrainTimer(PaceTurnAsync, new GrainTimerCreationOptions(TimeSpan.Zero, PacingPeriod) { Interleave = false, KeepAlive = true });
    }

    private async Task StopPacingAsync()
    {
        pacingTimer?.Dispose();
        pacingTimer = null;
        pendingChanges = false;
        hopper.Clear();
        pacer.Reset();
        await hopperStore.ReleaseAllAsync(Id);
        await dialer.ReleaseParkedAsync();
    }

    /// <summary>One pacing turn: move agents whose call failed on, then give every Ready agent a call.</summary>
    private async Task PaceTurnAsync()
    {
        try
        {
            await ReconcileIfDueAsync();
            await PaceAsyncCore();
        }
        catch (Exception ex) when (ex is not DomainException and not OutOfMemoryException)
        {
            // The database or cluster failed the turn; agents it was moving may have kept a stale state.
            ReconcileSoon();
            throw;
        }
        finally
        {
            await FlushIfDueAsync();
        }
    }

    private async Task PaceAsyncCore()
    {
        if (S.Status != CampaignStatus.Running)
        {
            await dialer.ReleaseParkedAsync();
            return;
        }
        var d = S.Definition;
        // Dialing people with no conversation to give them would be worse than not dialing: the script first.
        int? scriptVersion = d.DialerType == DialerType.Broadcast ? await ResolveScriptVersionAsync() : null;
        if (d.DialerType == DialerType.Broadcast && scriptVersion is null) return;
        // A predictive call that found its agent but could not reach it leaves the agent reserved: let it go.
        if (d.DialerType == DialerType.Predictive) await dialer.ReleaseParkedAsync();
        var ready = S.Agents.Where(a => a.Value == AgentStatus.Ready).Select(a => a.Key).ToList();
        var busy = S.Agents.Values.Count(a => a is AgentStatus.Connected or AgentStatus.WrapUp);
        var unanswered = S.ActiveCalls.Values.Count(c => c.AnsweredAt is null && c.AgentId is null);
        var calls = await pacer.PlanAsync(new PacingFloor(Rules, ready, dialer.ParkedCount, S.ActiveCalls.Count, busy, unanswered));
        var placed = d.DialerType switch
        {
            DialerType.Auto => await dialer.DialForAgentsAsync(ready),
            DialerType.Predictive when calls > 0 => await dialer.StartWithoutAgentAsync(calls),
            DialerType.Broadcast when calls > 0 => await dialer.StartBroadcastAsync(calls, TrunkName, new BroadcastCall(d.AgentScriptId!, scriptVersion!.Value, d.Dispositions)),
            _ => 0,
        };
        pacer.Placed(placed);
        if (d.DialerType == DialerType.Broadcast && calls > 0 && dialer.TrunkWasFull && pacer is BroadcastPacer broadcast) broadcast.TrunkFull();
        if (placed > 0) await SaveSoonAsync();
        await CompleteIfExhaustedAsync();
    }

    private async Task CompleteIfExhaustedAsync()
    {
        if (hopper.Count > 0 || pacer is PreviewPacer { Count: > 0 } || S.ActiveCalls.Count > 0 || time.GetUtcNow() < nextCompletionCheckAt) return;
        // One index probe per list, but a database round trip: once a second is plenty.
        nextCompletionCheckAt = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (!await hopperStore.AnyRemainingAsync(S.Definition.ListIds))
        {
            // Pacing stops with completion, and with it the periodic check: free any agent still held now.
            await ReconcileIfDueAsync(force: true);
            LogCompleted(Id);
            await StopPacingAsync();
            await MoveAsync(CampaignStatus.Completed);
        }
    }

    private async Task MoveAsync(CampaignStatus to)
    {
        LogTransition(Id, S.Status, to);
        S.Status = to;
        // A supervisor who just started, stopped or saw the campaign complete expects counts of now.
        leadCounts.Reset();
        await SaveAsync();
        // Live wallboards hear it even when no agent moves (a Broadcast campaign has none); one-way, never waited on.
        _ = GrainFactory.GetGrain<Floor.IFloorGrain>(Floor.FloorGrain.Key).CampaignChangedAsync(Id);
        await KeepDialingAfterFailuresAsync(to == CampaignStatus.Running);
    }

    private void Require(string action, params CampaignStatus[] allowed)
    {
        if (!allowed.Contains(S.Status)) throw new InvalidTransitionException(Entity, Id, S.Status.ToString(), action);
    }

    private void EnsureExists()
    {
        if (!S.Exists) throw new EntityNotFoundException(Entity, Id);
    }

    private static CampaignDefinition Normalize(CampaignDefinition d) => d with
    {
        Name = d.Name.Trim(),
        CallingWindow = d.CallingWindow ?? new(),
        Retry = d.Retry ?? new(),
        ListIds = d.ListIds ?? [],
        AgentIds = d.AgentIds ?? [],
        Dispositions = d.Dispositions is { Count: > 0 } ? d.Dispositions : Dispositions.DispositionSet.CreateDefaults(),
    };

    private CampaignSnapshot Snapshot() => new(Id, S.Definition, S.Status, S.CreatedAt, S.Agents.Keys.Order().ToList());

    private IDirectoryGrain Directory => GrainFactory.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} {From} -> {To}")]
    private partial void LogTransition(string campaignId, CampaignStatus from, CampaignStatus to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} has no leads left and is Completed")]
    private partial void LogCompleted(string campaignId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId}: agent {AgentId} not available: {Reason}")]
    private partial void LogAgentUnavailable(string campaignId, string agentId, string reason);
}
