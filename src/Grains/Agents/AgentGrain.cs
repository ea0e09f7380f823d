using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Floor;
using ContactCenter.Telephony.AgentPhones;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Agents;

public sealed partial class AgentGrain(
    [PersistentState("agent", GrainStorage.Name)] IPersistentState<AgentState> state,
    TimeProvider time,
    IServiceProvider services,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private const string Entity = "Agent";
    private string Id => this.GetPrimaryKeyString();
    private AgentState S => state.State;

    public async Task<AgentSnapshot> CreateAsync(AgentProfile profile)
    {
        Validate(profile);
        if (S.Exists) throw new InvalidTransitionException($"Agent '{Id}' already exists.");
        var now = time.GetUtcNow();
        state.State = new AgentState { Exists = true, Profile = Normalize(profile), Status = AgentStatus.Offline, StatusSince = now, CreatedAt = now };
        await state.WriteStateAsync();
        await Directory.UpsertAsync(new DirectoryEntry(Id, S.Profile.Name, now));
        return Snapshot();
    }

    public async Task<AgentSnapshot> UpdateAsync(AgentProfile profile)
    {
        EnsureExists();
        Validate(profile);
        S.Profile = Normalize(profile);
        await state.WriteStateAsync();
        await Directory.UpsertAsync(new DirectoryEntry(Id, S.Profile.Name, S.CreatedAt));
        return Snapshot();
    }

    public async Task DeleteAsync()
    {
        EnsureExists();
        if (S.Status != AgentStatus.Offline) throw new InvalidTransitionException(Entity, Id, S.Status.ToString(), "be deleted (log out first)");
        await Directory.RemoveAsync(Id);
        await state.ClearStateAsync();
        state.State = new AgentState();
        DeactivateOnIdle();
    }

    public Task<AgentSnapshot> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<AgentSnapshot> LoginAsync(string campaignId)
    {
        EnsureExists();
        if (string.IsNullOrWhiteSpace(campaignId)) throw new ValidationFailedException("campaignId", "A campaign id is required to log in.");
        Require("log in", AgentStatus.Offline);
        // The campaign checks it exists and that this agent is assigned; it throws otherwise.
        await GrainFactory.GetGrain<ICampaignGrain>(campaignId).JoinAsync(Id, S.Profile.SipUri);
        await ConnectPhoneAsync(campaignId);
        S.CampaignId = campaignId;
        await MoveAsync(AgentStatus.Paused, "LoggedIn");
        return Snapshot();
    }

    public async Task<AgentSnapshot> ReadyAsync()
    {
        EnsureExists();
        Require("become Ready", AgentStatus.Paused);
        // After the phone dropped, Ready calls it back first.
        if (S.CampaignId is { } campaignId && PhoneChannels is { } phones && S.Profile.SipUri is not null && !phones.IsConnected(Id))
            await ConnectPhoneAsync(campaignId, leaveOnFailure: false);
        await MoveAsync(AgentStatus.Ready);
        return Snapshot();
    }

    public async Task<AgentSnapshot> PauseAsync(string reason)
    {
        EnsureExists();
        if (string.IsNullOrWhiteSpace(reason)) throw new ValidationFailedException("reason", "A pause reason code is required.");
        Require("pause", AgentStatus.Ready, AgentStatus.WrapUp, AgentStatus.Paused);
        if (S.Status == AgentStatus.WrapUp) await AccountWrapUpEndAsync();
        await MoveAsync(AgentStatus.Paused, reason.Trim());
        return Snapshot();
    }

    public async Task<AgentSnapshot> LogoutAsync()
    {
        EnsureExists();
        Require("log out", AgentStatus.Paused, AgentStatus.Ready, AgentStatus.WrapUp);
        if (S.Status == AgentStatus.WrapUp) await AccountWrapUpEndAsync();
        var campaignId = S.CampaignId;
        S.CampaignId = null;
        await MoveAsync(AgentStatus.Offline);
        if (campaignId is not null) await GrainFactory.GetGrain<ICampaignGrain>(campaignId).LeaveAsync(Id);
        if (PhoneChannels is { } phones) await phones.DisconnectAsync(Id);
        return Snapshot();
    }

    public async Task ReserveAsync(string callId)
    {
        EnsureExists();
        Require("be reserved for a call", AgentStatus.Ready);
        S.CurrentCallId = callId;
        S.Counters = S.Counters with { CallsOffered = S.Counters.CallsOffered + 1 };
        await MoveAsync(AgentStatus.Dialing);
    }

    public async Task ReassignAsync(string fromCallId, string toCallId)
    {
        EnsureExists();
        Require("take another call", AgentStatus.Dialing);
        EnsureCall(fromCallId);
        S.CurrentCallId = toCallId;
        S.Counters = S.Counters with { CallsOffered = S.Counters.CallsOffered + 1 };
        await state.WriteStateAsync();
    }

    public async Task ReleaseAsync(string callId)
    {
        EnsureExists();
        Require("be released", AgentStatus.Dialing);
        EnsureCall(callId);
        S.CurrentCallId = null;
        await MoveAsync(AgentStatus.Ready);
    }

    public async Task ConnectAsync(string callId)
    {
        EnsureExists();
        Require("connect a call", AgentStatus.Dialing);
        EnsureCall(callId);
        S.ConnectedAt = time.GetUtcNow();
        await MoveAsync(AgentStatus.Connected);
    }

    public async Task CallEndedAsync(string callId, int? wrapUpTimeoutSeconds = null)
    {
        EnsureExists();
        Require("end a call", AgentStatus.Connected);
        EnsureCall(callId);
        var talk = S.ConnectedAt is { } at ? time.GetUtcNow() - at : TimeSpan.Zero;
        S.Counters = S.Counters with { CallsHandled = S.Counters.CallsHandled + 1, TalkTime = S.Counters.TalkTime + talk };
        S.ConnectedAt = null;
        S.WrapUpDeadline = wrapUpTimeoutSeconds is > 0 ? time.GetUtcNow().AddSeconds(wrapUpTimeoutSeconds.Value) : null;
        await MoveAsync(AgentStatus.WrapUp);
        ArmWrapUpTimer();
    }

    private IGrainTimer? wrapUpTimer;
    private static readonly TimeSpan WrapUpRetry = TimeSpan.FromSeconds(5);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The timer of an earlier activation died with its silo; the deadline did not.
        ArmWrapUpTimer();
        WatchCall();
        return Task.CompletedTask;
    }

    private void ArmWrapUpTimer()
    {
        if (S.Status != AgentStatus.WrapUp || S.WrapUpDeadline is not { } deadline || S.CurrentCallId is not { } callId || wrapUpTimer is not null) return;
        var due = deadline - time.GetUtcNow();
        wrapUpTimer = this.RegisterGrainTimer(() => WrapUpTimedOutAsync(callId),
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
    }

    public Task<bool> ResumeWrapUpAsync(string callId)
    {
        var wrapping = S.Status == AgentStatus.WrapUp && S.CurrentCallId == callId;
        if (wrapping) ArmWrapUpTimer();
        return Task.FromResult(wrapping);
    }

    private async Task WrapUpTimedOutAsync(string callId)
    {
        wrapUpTimer?.Dispose();
        wrapUpTimer = null;
        if (S.Status != AgentStatus.WrapUp || S.CurrentCallId != callId) return;
        LogWrapUpTimeout(Id, callId);
        try
        {
            // The call knows the campaign's set, and so which disposition a timeout records.
            await CompleteWrapUpAsync(new WrapUpRequest(DispositionSet.WrapUpTimeoutDefault, "Wrap-up timed out", WrapUpTimedOut: true));
        }
        catch (DomainException ex)
        {
            // The call refuses (settled meanwhile by recovery): nothing is left to wrap up; the agent moves on.
            LogDefaultDispositionFailed(Id, callId, ex.Message);
            await AccountWrapUpEndAsync(settleWithDefault: false);
            await MoveAsync(AgentStatus.Ready);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The call's silo died, the database is away: try again shortly rather than wait in WrapUp for good.
            LogWrapUpRetry(Id, callId, ex.GetType().Name);
            wrapUpTimer?.Dispose();
            wrapUpTimer = this.RegisterGrainTimer(() => WrapUpTimedOutAsync(callId),
                new GrainTimerCreationOptions(WrapUpRetry, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
    }

    public async Task<AgentSnapshot> CompleteWrapUpAsync(WrapUpRequest request)
    {
        EnsureExists();
        Require("submit a wrap-up", AgentStatus.WrapUp);
        if (string.IsNullOrWhiteSpace(request.Disposition)) throw new ValidationFailedException("disposition", "A disposition is required.");
        if (S.CurrentCallId is { } callId)
        {
            // The call validates the disposition against its campaign's set and applies it to the lead.
            await GrainFactory.GetGrain<ICallGrain>(callId).ApplyDispositionAsync(request, Id);
        }
        await AccountWrapUpEndAsync(settleWithDefault: false);
        await MoveAsync(AgentStatus.Ready);
        return Snapshot();
    }

    /// <summary>
    /// Leaving WrapUp without a disposition (pause, logout) still settles the lead with the
    /// default one, so no lead waits in Contacted for an agent who went home.
    /// </summary>
    private async Task AccountWrapUpEndAsync(bool settleWithDefault = true)
    {
        S.Counters = S.Counters with { WrapUpTime = S.Counters.WrapUpTime + (time.GetUtcNow() - S.StatusSince) };
        wrapUpTimer?.Dispose();
        wrapUpTimer = null;
        S.WrapUpDeadline = null;
        if (S.CurrentCallId is { } callId && settleWithDefault)
        {
            try
            {
                await GrainFactory.GetGrain<ICallGrain>(callId).ApplyDispositionAsync(new WrapUpRequest(DispositionSet.WrapUpTimeoutDefault, "Agent left wrap-up", WrapUpTimedOut: true), Id);
            }
            catch (DomainException ex)
            {
                LogDefaultDispositionFailed(Id, callId, ex.Message);
            }
        }
        S.CurrentCallId = null;
    }

    private async Task MoveAsync(AgentStatus to, string? pauseReason = null)
    {
        var now = time.GetUtcNow();
        var from = S.Status;
        var spent = new Dictionary<AgentStatus, TimeSpan>(S.Counters.TimeInState);
        spent[from] = spent.GetValueOrDefault(from) + (now - S.StatusSince);
        S.Counters = S.Counters with { TimeInState = spent };
        S.Status = to;
        S.StatusSince = now;
        S.PauseReason = to == AgentStatus.Paused ? pauseReason : null;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory now differs from storage; the next call reloads what is stored and decides afresh
            // (kept, this activation would refuse the retried step as already done, leaving storage behind).
            DeactivateOnIdle();
            throw;
        }
        LogTransition(Id, from, to, S.CampaignId);
        WatchCall();
        // Live pages hear it from the floor; one-way, so a slow listener never holds the agent up.
        _ = GrainFactory.GetGrain<IFloorGrain>(FloorGrain.Key).AgentChangedAsync(Snapshot());
        if (S.CampaignId is { } campaignId)
        {
            await GrainFactory.GetGrain<ICampaignGrain>(campaignId).AgentStatusChangedAsync(Id, to);
        }
    }

    /// <summary>On the SIP trunk, the persistent agent channel: the phone is called once at login.</summary>
    private IAgentPhoneChannels? PhoneChannels => services.GetService<IAgentPhoneChannels>();

    public async Task PhoneDroppedAsync()
    {
        EnsureExists();
        if (S.Status is not (AgentStatus.Ready or AgentStatus.WrapUp or AgentStatus.Paused)) return;
        if (S.Status == AgentStatus.WrapUp) await AccountWrapUpEndAsync();
        await MoveAsync(AgentStatus.Paused, "PhoneDisconnected");
    }

    private async Task ConnectPhoneAsync(string campaignId, bool leaveOnFailure = true)
    {
        if (PhoneChannels is not { } phones || S.Profile.SipUri is not { } sipUri) return;
        try
        {
            await phones.EnsureConnectedAsync(Id, sipUri);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            if (leaveOnFailure) await GrainFactory.GetGrain<ICampaignGrain>(campaignId).LeaveAsync(Id);
            throw new InvalidTransitionException($"Agent '{Id}': the phone {sipUri} did not answer ({ex.Message}).");
        }
    }

    private void Require(string action, params AgentStatus[] allowed)
    {
        if (!allowed.Contains(S.Status)) throw new InvalidTransitionException(Entity, Id, S.Status.ToString(), action);
    }

    private void EnsureCall(string callId)
    {
        if (!string.Equals(S.CurrentCallId, callId, StringComparison.Ordinal))
            throw new InvalidTransitionException($"Agent '{Id}' is not on call '{callId}' (current: '{S.CurrentCallId ?? "none"}').");
    }

    private void EnsureExists()
    {
        if (!S.Exists) throw new EntityNotFoundException(Entity, Id);
    }

    private static void Validate(AgentProfile profile)
    {
        var v = new Validation();
        v.Require(!string.IsNullOrWhiteSpace(profile.Name), "name", "A name is required.");
        v.Require(profile.Name is null || profile.Name.Length <= 200, "name", "The name is longer than 200 characters.");
        v.Require(profile.SipUri is null || profile.SipUri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || profile.SipUri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase),
            "sipUri", "A SIP URI starts with sip: or sips:.");
        v.ThrowIfInvalid();
    }

    private static AgentProfile Normalize(AgentProfile p) => p with { Name = p.Name.Trim(), SipUri = string.IsNullOrWhiteSpace(p.SipUri) ? null : p.SipUri.Trim() };

    private AgentSnapshot Snapshot()
    {
        var running = new Dictionary<AgentStatus, TimeSpan>(S.Counters.TimeInState);
        running[S.Status] = running.GetValueOrDefault(S.Status) + (time.GetUtcNow() - S.StatusSince);
        return new AgentSnapshot(Id, S.Profile.Name, S.Profile.SipUri, S.Status, S.CampaignId, S.PauseReason, S.CurrentCallId,
            S.StatusSince, S.Counters with { TimeInState = running }, S.CreatedAt);
    }

    private IDirectoryGrain Directory => GrainFactory.GetGrain<IDirectoryGrain>(DirectoryGrain.Agents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId}: default disposition for call {CallId} not applied: {Reason}")]
    private partial void LogDefaultDispositionFailed(string agentId, string callId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId}: wrap-up of call {CallId} timed out; default disposition applied")]
    private partial void LogWrapUpTimeout(string agentId, string callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId}: default disposition for call {CallId} not applied ({Error}); retrying")]
    private partial void LogWrapUpRetry(string agentId, string callId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} {From} -> {To} (campaign {CampaignId})")]
    private partial void LogTransition(string agentId, AgentStatus from, AgentStatus to, string? campaignId);
}
