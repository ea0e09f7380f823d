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
    ContactCenter.Grains.Leads.LeadStore leadStore,
    TimeProvider time,
    DialerMetrics metrics,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    private const string Entity = "Campaign";
    private static readonly TimeSpan PacingPeriod = TimeSpan.FromMilliseconds(250);
    // With nothing to dial, the next claim waits for the moment a lead becomes callable, but never
    // less than this (leads held by another campaign's claim come back soon)...
    private static readonly TimeSpan IdleClaimMinWait = TimeSpan.FromSeconds(2);
    // ...nor more than this: leads imported, recycled or taken off a DNC list meanwhile are not seen here.
    private static readonly TimeSpan IdleClaimMaxWait = TimeSpan.FromSeconds(30);
    // Counting a campaign's leads reads all of them (~150 ms per million); dashboards poll about once a
    // second, often several at a time. One count serves every poll for this long; the rest stays live.
    private static readonly TimeSpan LeadCountsMaxAge = TimeSpan.FromSeconds(2);
    private readonly Queue<HopperEntry> hopper = new();
    private IGrainTimer? pacingTimer;
    private DateTimeOffset nextRefillAt;
    private DateTimeOffset nextCompletionCheckAt;
    private Task<(long Total, long Remaining)>? leadCounts;
    private DateTimeOffset leadCountsAt;
    // Lists found with nothing callable, left out of claims until then (MarkQuietLists).
    private readonly Dictionary<long, DateTimeOffset> quietLists = new();

    private string Id => this.GetPrimaryKeyString();
    private CampaignState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
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

    public async Task<CampaignSnapshot> CreateAsync(CampaignDefinition definition)
    {
        definition.Validate();
        if (S.Exists) throw new InvalidTransitionException($"Campaign '{Id}' already exists.");
        var now = time.GetUtcNow();
        state.State = new CampaignState { Exists = true, Definition = Normalize(definition), Status = CampaignStatus.Draft, CreatedAt = now };
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
        S.Definition = Normalize(definition);
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
        var (total, remaining) = await LeadCountsAsync();
        var byState = Enum.GetValues<AgentStatus>().Where(s => s != AgentStatus.Offline)
            .ToDictionary(s => s, s => S.Agents.Values.Count(a => a == s));
        return new CampaignStats(Id, S.Status, total, remaining, S.Counters, byState, S.ActiveCalls.Count, hopper.Count);
    }

    /// <summary>The lead counts of the campaign's lists, shared by the polls within <see cref="LeadCountsMaxAge"/>.</summary>
    private Task<(long Total, long Remaining)> LeadCountsAsync()
    {
        var now = time.GetUtcNow();
        if (leadCounts is null || leadCounts.IsFaulted || leadCounts.IsCanceled || now - leadCountsAt >= LeadCountsMaxAge)
        {
            leadCounts = hopperStore.CountAsync(S.Definition.ListIds);
            leadCountsAt = now;
        }
        return leadCounts;
    }

    /// <summary>The lists may hold other leads now: count afresh, and claim from all of them at the next turn.</summary>
    private void ListsChanged()
    {
        leadCounts = null;
        nextRefillAt = default;
        quietLists.Clear();
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
        leadCounts = null;
        quietLists.Remove(listId);
        var kept = hopper.Where(e => e.ListId != listId).ToList();
        var dropped = hopper.Where(e => e.ListId == listId).Select(e => e.LeadId).ToList();
        hopper.Clear();
        foreach (var e in kept) hopper.Enqueue(e);
        await hopperStore.ReleaseAsync(Id, dropped);
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
        S.Agents[agentId] = status;
        if (status == AgentStatus.Ready && S.Status == CampaignStatus.Running) _ = Self.PaceAsync();
        return Task.CompletedTask;
    }

    public Task CallEndedAsync(string callId, string? agentId, CallOutcome outcome, bool connected, bool abandoned)
    {
        // A call reports once: it saves that it has (CallState.Finished) and repeats only when that failed.
        S.ActiveCalls.Remove(callId);
        metrics.CallEnded(Id, outcome, connected, abandoned);
        var c = S.Counters;
        S.Counters = c with
        {
            Answered = c.Answered + (outcome == CallOutcome.Answered ? 1 : 0),
            Connected = c.Connected + (connected ? 1 : 0),
            Abandoned = c.Abandoned + (abandoned ? 1 : 0),
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
        if (!connected && agentId is not null) releasing.Enqueue((agentId, callId));
        if (agentId is null) ReleaseTrunkSlot(callId);
        ClaimSoon();
        _ = Self.PaceAsync();
        return SaveSoonAsync();
    }

    public Task DispositionRecordedAsync(string disposition)
    {
        var counts = new Dictionary<string, int>(S.Counters.Dispositions) { [disposition] = S.Counters.Dispositions.GetValueOrDefault(disposition) + 1 };
        S.Counters = S.Counters with { Dispositions = counts };
        ClaimSoon();
        return SaveSoonAsync();
    }

    /// <summary>
    /// A call's outcome or disposition may have made its lead callable again at once (a retry or
    /// callback with no delay), which the idle wait did not know of: claim again within
    /// <see cref="IdleClaimMinWait"/>, but not more often than that.
    /// </summary>
    private void ClaimSoon()
    {
        var soon = time.GetUtcNow() + IdleClaimMinWait;
        if (nextRefillAt > soon) nextRefillAt = soon;
    }

    public Task PaceAsync() => PaceTurnAsync();

    private readonly Queue<(string AgentId, string CallId)> releasing = new();
    private Task? writing;
    private bool dirty;

    /// <summary>
    /// Persists the state, one write at a time: interleaved calls (agents and calls reporting) and
    /// the pacing turn's parallel call set-ups all save, and two writes in flight would race on the etag.
    /// </summary>
    /// <summary>
    /// Counters, agent states and live calls change with every call; while the pacing timer runs
    /// they are written by the next turn (at most once a second) instead of once per event.
    /// A crash loses at most that second of dashboard counters, never a lead or a call record.
    /// </summary>
    private Task SaveSoonAsync()
    {
        if (pacingTimer is null) return SaveAsync();
        pendingChanges = true;
        return Task.CompletedTask;
    }

    private async Task FlushIfDueAsync()
    {
        if (!pendingChanges || time.GetUtcNow() - lastFlush < TimeSpan.FromSeconds(1)) return;
        pendingChanges = false;
        lastFlush = time.GetUtcNow();
        await SaveAsync();
    }

    private bool pendingChanges;
    private DateTimeOffset lastFlush;

    private async Task SaveAsync()
    {
        dirty = true;
        while (writing is not null) await writing;
        if (!dirty) return; // a write that started after our change has carried it
        dirty = false;
        writing = state.WriteStateAsync();
        try { await writing; }
        finally { writing = null; }
    }

    private ICampaignGrain Self => this.AsReference<ICampaignGrain>();

    private void StartPacing()
    {
        nextRefillAt = default;
        quietLists.Clear();
        pacingTimer ??= this.RegisterGrainTimer(PaceTurnAsync, new GrainTimerCreationOptions(TimeSpan.Zero, PacingPeriod) { Interleave = false, KeepAlive = true });
    }

    private async Task StopPacingAsync()
    {
        pacingTimer?.Dispose();
        pacingTimer = null;
        pendingChanges = false;
        hopper.Clear();
        previews.Clear();
        await hopperStore.ReleaseAllAsync(Id);
        await ReleaseWaitingAgentsAsync();
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
            await ReleaseWaitingAgentsAsync();
            return;
        }
        if (S.Definition.DialerType == DialerType.Preview)
        {
            await PacePreviewAsync();
            return;
        }
        if (S.Definition.DialerType == DialerType.Broadcast) { await PaceBroadcastAsync(); return; }
        if (S.Definition.DialerType != DialerType.Auto) return;

        // Every agent needing a call gets its lead now; the reservations and call set-ups then run
        // side by side, because done one after another they, not the carrier, would pace the dialer.
        var waitingAgents = new List<(string AgentId, string? PreviousCallId)>();
        while (releasing.TryDequeue(out var waiting)) waitingAgents.Add((waiting.AgentId, waiting.CallId));
        waitingAgents.AddRange(S.Agents.Where(a => a.Value == AgentStatus.Ready).Select(a => (a.Key, (string?)null)));
        if (waitingAgents.Count > 0) await RefillAsync(waitingAgents.Count);
        await Task.WhenAll(waitingAgents.Select(w => DialForAsync(w.AgentId, w.PreviousCallId)));
        await CompleteIfExhaustedAsync();
    }

    /// <summary>Places the next lead's call for an agent; releases the agent when nothing is callable.</summary>
    private async Task DialForAsync(string agentId, string? previousCallId)
    {
        while (TakeLead(agentId) is { } entry)
        {
            var callId = Guid.NewGuid().ToString("N");
            var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
            try
            {
                if (previousCallId is null) await agent.ReserveAsync(callId);
                else await agent.ReassignAsync(previousCallId, callId);
                // The agent's own report follows; until then this turn must not offer it another lead.
                S.Agents[agentId] = AgentStatus.Dialing;
            }
            catch (DomainException ex)
            {
                LogAgentUnavailable(Id, agentId, ex.Message);
                hopper.Enqueue(entry);
                return; // the lead stays for someone else
            }
            S.ActiveCalls[callId] = new ActiveCall(callId, entry.LeadId, agentId, time.GetUtcNow());
            try
            {
                var d = S.Definition;
                await GrainFactory.GetGrain<ICallGrain>(callId).StartAsync(new CallStart(Id, entry.LeadId, entry.Phone, d.CallerId, agentId,
                    S.AgentSipUris.GetValueOrDefault(agentId), d.RingTimeoutSeconds, d.Retry, d.Simulation, d.WrapUpTimeoutSeconds, DetectAnsweringMachine: d.AnsweringMachineDetection));
                S.Counters = S.Counters with { Dialed = S.Counters.Dialed + 1 };
                await SaveSoonAsync();
                return;
            }
            catch (DomainException ex)
            {
                // The lead refused (dialed elsewhere, DNC): keep the agent reserved and try the next lead.
                LogLeadRefused(Id, entry.LeadId, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
                S.ActiveCalls.Remove(callId);
                previousCallId = callId;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database or the cluster failed the set-up. The lead goes back to the hopper (should its
                // dial have begun, it refuses the next one and the call sweep settles it); the agent is let
                // go now, or by the next reconciliation if that fails too.
                LogDialFailed(Id, entry.LeadId, ex.GetType().Name, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
                ReconcileSoon();
                S.ActiveCalls.Remove(callId);
                hopper.Enqueue(entry);
                await ReleaseAgentAsync(agentId, callId);
                return;
            }
        }
        if (previousCallId is not null) await ReleaseAgentAsync(agentId, previousCallId);
    }

    /// <summary>Tops the in-memory hopper up from PostgreSQL so it holds at least <paramref name="needed"/> leads.</summary>
    private async Task RefillAsync(int needed)
    {
        if (hopper.Count >= needed || time.GetUtcNow() < nextRefillAt) return;
        await ClaimAsync(Math.Clamp(needed * 2, 10, 1000) - hopper.Count);
    }

    /// <summary>Claims up to <paramref name="batch"/> leads into the hopper; with none callable, waits for when some may be.</summary>
    private async Task ClaimAsync(int batch)
    {
        var d = S.Definition;
        var now = time.GetUtcNow();
        var lists = d.ListIds.Where(id => !quietLists.TryGetValue(id, out var until) || until <= now).ToList();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var claimed = await hopperStore.ClaimAsync(Id, lists, d.CallingWindow, d.Retry.MaxAttempts, batch, now);
        metrics.Claimed(Id, claimed.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        foreach (var e in claimed) hopper.Enqueue(e);
        if (claimed.Count > 0)
        {
            MarkQuietLists(lists, claimed, batch, now);
        }
        else if (lists.Count < d.ListIds.Count)
        {
            // The lists still giving ran dry: the next turn claims from every list again.
            quietLists.Clear();
        }
        else if (await ReleaseStrayLeadsAsync() == 0)
        {
            await WaitForCallableLeadsAsync();
        }
    }

    /// <summary>
    /// A list that gave no lead to a claim that took some had nothing callable, when the claim took
    /// fewer than it asked for or took leads of a list after it in priority (its own would have come
    /// first). A claim still reads such a list's due leads outside their hours one by one (a west
    /// coast list in the east's morning: 0.84 s per million), so it is left out of the claims for
    /// <see cref="IdleClaimMaxWait"/>; what becomes callable there meanwhile waits that long at most.
    /// </summary>
    private void MarkQuietLists(IReadOnlyList<long> lists, IReadOnlyList<HopperEntry> claimed, int batch, DateTimeOffset now)
    {
        var giving = claimed.Select(e => e.ListId).ToHashSet();
        var lastGivingRank = lists.Select((id, rank) => giving.Contains(id) ? rank : -1).Max();
        for (var rank = 0; rank < lists.Count; rank++)
        {
            if (!giving.Contains(lists[rank]) && (claimed.Count < batch || rank < lastGivingRank))
                quietLists[lists[rank]] = now + IdleClaimMaxWait;
        }
    }

    /// <summary>
    /// Nothing callable now: the next claim waits until a lead may become callable (a retry or
    /// callback falls due, the window opens in a due lead's zone), within <see cref="IdleClaimMinWait"/>
    /// and <see cref="IdleClaimMaxWait"/>. A claim reads past every due lead outside its calling hours,
    /// a million of them in about a second, so a campaign left running overnight used to do that
    /// every two seconds.
    /// </summary>
    private async Task WaitForCallableLeadsAsync()
    {
        var d = S.Definition;
        var now = time.GetUtcNow();
        if (S.ActiveCalls.Count > 0)
        {
            // Their ends bring the next claim anyway (ClaimSoon); no need to read the lists for when.
            nextRefillAt = now + IdleClaimMinWait;
            return;
        }
        var next = await hopperStore.NextCallableAsync(Id, d.ListIds, d.CallingWindow, d.Retry.MaxAttempts, now);
        var wait = next is { } at ? at - now : IdleClaimMaxWait;
        nextRefillAt = now + (wait < IdleClaimMinWait ? IdleClaimMinWait : wait > IdleClaimMaxWait ? IdleClaimMaxWait : wait);
        LogNothingCallable(Id, next, nextRefillAt);
    }

    /// <summary>A personal callback goes to its agent when that agent asks; others take the head of the queue.</summary>
    private HopperEntry? TakeLead(string agentId)
    {
        if (hopper.Count == 0) return null;
        var personal = hopper.FirstOrDefault(e => e.CallbackAgentId == agentId);
        if (personal is null) return hopper.Dequeue();
        var rest = hopper.Where(e => e != personal).ToList();
        hopper.Clear();
        foreach (var e in rest) hopper.Enqueue(e);
        return personal;
    }

    private async Task ReleaseAgentAsync(string agentId, string callId)
    {
        try
        {
            await GrainFactory.GetGrain<IAgentGrain>(agentId).ReleaseAsync(callId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAgentUnavailable(Id, agentId, ex.Message);
        }
    }

    private async Task ReleaseWaitingAgentsAsync()
    {
        while (releasing.TryDequeue(out var waiting)) await ReleaseAgentAsync(waiting.AgentId, waiting.CallId);
    }

    private async Task CompleteIfExhaustedAsync()
    {
        if (hopper.Count > 0 || previews.Count > 0 || S.ActiveCalls.Count > 0 || time.GetUtcNow() < nextCompletionCheckAt) return;
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
        leadCounts = null;
        await SaveAsync();
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId}: nothing callable; next lead callable at {NextCallableAt}, next claim at {NextClaimAt}")]
    private partial void LogNothingCallable(string campaignId, DateTimeOffset? nextCallableAt, DateTimeOffset nextClaimAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId}: agent {AgentId} not available: {Reason}")]
    private partial void LogAgentUnavailable(string campaignId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: dialing lead {LeadId} failed ({Error}: {Reason}); it goes back to the hopper")]
    private partial void LogDialFailed(string campaignId, long leadId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: lead {LeadId} refused the dial: {Reason}")]
    private partial void LogLeadRefused(string campaignId, long leadId, string reason);
}
