using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Trunks;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// Places the calls a campaign's pacer asked for: reserves the agent (or takes trunk channels for calls
/// without one), starts the call grain, and keeps the campaign's calls in flight and dial count. It
/// belongs to one campaign activation and runs in its turns; the grain saves what it changed.
/// </summary>
internal sealed partial class CampaignDialer(string campaignId, Func<CampaignState> state, Hopper hopper, IGrainFactory grains, TimeProvider time, ILogger logger)
{
    // Agents whose call never reached them stay reserved (Dialing) for their next lead, placed by the next turn.
    private readonly Queue<(string AgentId, string CallId)> parked = new();
    private readonly Dictionary<string, string> trunkOfCall = new(StringComparer.Ordinal);

    /// <summary>A set-up met the database or the cluster failing: calls and agents should be checked soon.</summary>
    public Action? SetUpFailed { get; init; }

    /// <summary>The last Broadcast turn asked the trunk for more channels than it had free.</summary>
    public bool TrunkWasFull { get; private set; }

    /// <summary>Chooses local-presence caller IDs for campaigns with a pool.</summary>
    public CallerIdChooser? CallerIds { get; init; }

    /// <summary>Saves what an interleaved hand-off changed (coalesced by the grain while it paces).</summary>
    public Func<Task> Saved { get; init; } = () => Task.CompletedTask;

    private CampaignState S => state();

    public int ParkedCount => parked.Count;

    public IEnumerable<string> ParkedAgentIds => parked.Select(p => p.AgentId);

    /// <summary>Keeps an agent reserved after a call that never reached it: the next turn dials its next lead.</summary>
    public void Park(string agentId, string callId) => parked.Enqueue((agentId, callId));

    /// <summary>
    /// Auto: every waiting agent (parked first, then Ready) gets its lead now; the reservations and call
    /// set-ups run side by side, because done one after another they, not the carrier, would pace the dialer.
    /// </summary>
    public async Task<int> DialForAgentsAsync(IEnumerable<string> readyAgents)
    {
        var waiting = new List<(string AgentId, string? PreviousCallId)>();
        while (parked.TryDequeue(out var p)) waiting.Add((p.AgentId, p.CallId));
        waiting.AddRange(readyAgents.Select(a => (a, (string?)null)));
        var placed = await Task.WhenAll(waiting.Select(w => DialForAsync(w.AgentId, w.PreviousCallId)));
        return placed.Count(p => p);
    }

    /// <summary>Lets every parked agent go (pacing stopped: nothing will be dialed for them).</summary>
    public async Task ReleaseParkedAsync()
    {
        while (parked.TryDequeue(out var p)) await ReleaseAgentAsync(p.AgentId, p.CallId);
    }

    /// <summary>Places the next lead's call for an agent; releases the agent when nothing is callable.</summary>
    private async Task<bool> DialForAsync(string agentId, string? previousCallId)
    {
        while (hopper.Take(agentId) is { } lead)
        {
            var callId = Guid.NewGuid().ToString("N");
            var agent = grains.GetGrain<IAgentGrain>(agentId);
            try
            {
                if (previousCallId is null) await agent.ReserveAsync(callId);
                else await agent.ReassignAsync(previousCallId, callId);
                // The agent's own report follows; until then this turn must not offer it another lead.
                S.Agents[agentId] = AgentStatus.Dialing;
            }
            catch (DomainException ex)
            {
                LogAgentUnavailable(campaignId, agentId, ex.Message);
                hopper.Return(lead);
                return false; // the lead stays for someone else
            }
            try
            {
                await StartAsync(callId, lead, agentId);
                return true;
            }
            catch (DomainException)
            {
                // The lead refused (dialed elsewhere, DNC): keep the agent reserved and try the next lead.
                previousCallId = callId;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database or the cluster failed the set-up. The lead goes back to the hopper (should its
                // dial have begun, it refuses the next one and the call sweep settles it); the agent is let
                // go now, or by the next reconciliation if that fails too.
                LogDialFailed(campaignId, lead.LeadId, ex.GetType().Name, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
                SetUpFailed?.Invoke();
                hopper.Return(lead);
                await ReleaseAgentAsync(agentId, callId);
                return false;
            }
        }
        if (previousCallId is not null) await ReleaseAgentAsync(agentId, previousCallId);
        return false;
    }

    /// <summary>Preview: the agent dials the lead it was shown. A refusal (agent or lead) is the agent's to see.</summary>
    public async Task<string> DialPreviewAsync(string agentId, HopperEntry lead)
    {
        var agent = grains.GetGrain<IAgentGrain>(agentId);
        var callId = Guid.NewGuid().ToString("N");
        try
        {
            await agent.ReserveAsync(callId);
        }
        catch (DomainException)
        {
            hopper.Return(lead);
            throw;
        }
        try
        {
            await StartAsync(callId, lead, agentId);
        }
        catch (DomainException)
        {
            await agent.ReleaseAsync(callId);
            throw;
        }
        return callId;
    }

    /// <summary>
    /// Calls without an agent (Broadcast): takes trunk channels for up to <paramref name="count"/> calls and
    /// starts them side by side; returns how many started. Channels of calls never placed go straight back.
    /// </summary>
    public async Task<int> StartBroadcastAsync(int count, string trunkName, BroadcastCall broadcast)
    {
        if (count <= 0) return 0;
        var trunk = grains.GetGrain<ITrunkGrain>(trunkName);
        var granted = await trunk.AcquireAsync(campaignId, Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList());
        TrunkWasFull = granted.Count < count;
        foreach (var callId in granted) trunkOfCall[callId] = trunkName;
        var started = await Task.WhenAll(granted.Select(callId => StartNextLeadAsync(callId, broadcast)));
        var unused = granted.Where((_, i) => !started[i]).ToList();
        foreach (var callId in unused) trunkOfCall.Remove(callId);
        if (unused.Count > 0) await trunk.ReleaseAsync(unused);
        return started.Count(s => s);
    }

    /// <summary>
    /// Predictive: starts up to <paramref name="count"/> calls side by side for no agent in particular; each
    /// answered one asks the campaign for the Ready agent free longest. Returns how many started.
    /// </summary>
    public async Task<int> StartWithoutAgentAsync(int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartNextLeadAsync(Guid.NewGuid().ToString("N"), null)));
        return started.Count(s => s);
    }

    /// <summary>Places one call to the next callable lead; false when the hopper ran dry or the set-up failed.</summary>
    private async Task<bool> StartNextLeadAsync(string callId, BroadcastCall? broadcast)
    {
        while (hopper.Take() is { } lead)
        {
            try
            {
                await StartAsync(callId, lead, null, broadcast);
                return true;
            }
            catch (DomainException)
            {
                // The call cleared what it stored, so the id serves the next lead.
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogDialFailed(campaignId, lead.LeadId, ex.GetType().Name, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
                SetUpFailed?.Invoke();
                hopper.Return(lead);
                return false;
            }
        }
        return false;
    }

    /// <summary>Starts the call grain and records the call in flight; a refused lead is logged and rethrown.</summary>
    private async Task StartAsync(string callId, HopperEntry lead, string? agentId, BroadcastCall? broadcast = null)
    {
        var s = S;
        s.ActiveCalls[callId] = new ActiveCall(callId, lead.LeadId, agentId, time.GetUtcNow());
        try
        {
            var sipUri = agentId is null ? null : s.AgentSipUris.GetValueOrDefault(agentId);
            var presented = s.Definition.CallerIdPool is { } pool && CallerIds is { } chooser ? await chooser.ChooseAsync(pool, s.Definition.CallerId, lead) : null;
            await grains.GetGrain<ICallGrain>(callId).StartAsync(CallStarts.For(campaignId, s.Definition, lead, agentId, sipUri, broadcast, presented));
        }
        catch (DomainException ex)
        {
            LogLeadRefused(campaignId, lead.LeadId, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
            s.ActiveCalls.Remove(callId);
            throw;
        }
        catch
        {
            s.ActiveCalls.Remove(callId);
            throw;
        }
        s.Counters = s.Counters with { Dialed = s.Counters.Dialed + 1 };
    }

    /// <summary>
    /// Predictive: a call dialed for no agent in particular was answered. Reserves the first Ready agent in
    /// <paramref name="order"/> (the agent free longest) for it and returns it, or null when none is Ready.
    /// </summary>
    public async Task<AssignedAgent?> TakeReadyAgentAsync(string callId, Func<IEnumerable<string>, IEnumerable<string>> order)
    {
        var s = S;
        // Asked again while it waits for an agent: the first ask is the answer.
        if (s.ActiveCalls.TryGetValue(callId, out var call) && call.AnsweredAt is null) s.ActiveCalls[callId] = call with { AnsweredAt = time.GetUtcNow() };
        foreach (var agentId in order(s.Agents.Where(a => a.Value == AgentStatus.Ready).Select(a => a.Key)).ToList())
        {
            if (s.Agents.GetValueOrDefault(agentId) != AgentStatus.Ready) continue; // taken by an interleaved call meanwhile
            s.Agents[agentId] = AgentStatus.Dialing;
            try
            {
                await grains.GetGrain<IAgentGrain>(agentId).ReserveAsync(callId);
            }
            catch (DomainException ex)
            {
                LogAgentUnavailable(campaignId, agentId, ex.Message);
                SetUpFailed?.Invoke(); // the agent's real state is checked within seconds
                continue;
            }
            if (s.ActiveCalls.TryGetValue(callId, out var answered)) s.ActiveCalls[callId] = answered with { AgentId = agentId };
            await Saved();
            return new AssignedAgent(agentId, s.AgentSipUris.GetValueOrDefault(agentId));
        }
        return null;
    }

    /// <summary>A call without an agent ended: its trunk channel is free again.</summary>
    public void ReleaseTrunkSlot(string callId, string defaultTrunk)
    {
        var trunk = trunkOfCall.Remove(callId, out var name) ? name : defaultTrunk;
        // One-way: the campaign does not wait on the trunk while reporting a call's end.
        grains.GetGrain<ITrunkGrain>(trunk).ReleaseAsync([callId]).Ignore();
    }

    public async Task ReleaseAgentAsync(string agentId, string callId)
    {
        try
        {
            await grains.GetGrain<IAgentGrain>(agentId).ReleaseAsync(callId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogAgentUnavailable(campaignId, agentId, ex.Message);
            // Still reserved: the campaign's next check (or the agent's own) lets it go.
            if (ex is not DomainException) SetUpFailed?.Invoke();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId}: agent {AgentId} not available: {Reason}")]
    private partial void LogAgentUnavailable(string campaignId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: dialing lead {LeadId} failed ({Error}: {Reason}); it goes back to the hopper")]
    private partial void LogDialFailed(string campaignId, long leadId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: lead {LeadId} refused the dial: {Reason}")]
    private partial void LogLeadRefused(string campaignId, long leadId, string reason);
}
