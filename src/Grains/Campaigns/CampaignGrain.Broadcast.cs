using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Trunks;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Campaigns;

// The Broadcast dialer: no agents; the AI agent takes every answered call. Each pacing turn starts calls while the
// campaign's token bucket (MaxCallsPerSecond), its own concurrency cap and the trunk's free channels all allow.
public sealed partial class CampaignGrain
{
    /// <summary>How long a "latest version" lookup of the script is trusted before asking the database again.</summary>
    private static readonly TimeSpan ScriptRecheck = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, string> trunkOfCall = new(StringComparer.Ordinal);
    private double callTokens;
    private DateTimeOffset? tokensAt;
    private (string ScriptId, int? Pinned, int Version, DateTimeOffset At)? resolvedScript;

    private string TrunkName => S.Definition.Trunk ?? TrunkGrain.DefaultTrunk;

    private async Task PaceBroadcastAsync()
    {
        var d = S.Definition;
        var now = time.GetUtcNow();
        // At most one turn's worth of tokens (never less than one call) is saved up, so a quiet spell is not followed
        // by a burst: starts stay spread over the turns at the configured rate.
        var burst = Math.Max(1, d.MaxCallsPerSecond * PacingPeriod.TotalSeconds);
        callTokens = tokensAt is { } last ? Math.Min(burst, callTokens + Math.Max(0, (now - last).TotalSeconds) * d.MaxCallsPerSecond) : burst;
        tokensAt = now;
        var wanted = Math.Min((int)Math.Floor(callTokens), d.MaxConcurrentCalls - S.ActiveCalls.Count);
        if (wanted > 0 && await ResolveScriptVersionAsync(now) is { } version)
        {
            await RefillBroadcastHopperAsync(wanted);
            callTokens -= await StartBroadcastCallsAsync(Math.Min(wanted, hopper.Count), version);
        }
        if (S.Status == CampaignStatus.Running) await CompleteIfExhaustedAsync();
    }

    /// <summary>The script version new calls use; null (and the campaign paused) when the script is gone.</summary>
    private async Task<int?> ResolveScriptVersionAsync(DateTimeOffset now)
    {
        var d = S.Definition;
        if (resolvedScript is { } r && r.ScriptId == d.AgentScriptId && r.Pinned == d.AgentScriptVersion && now - r.At < ScriptRecheck) return r.Version;
        var store = ServiceProvider.GetRequiredService<AgentScriptStore>();
        var scriptId = d.AgentScriptId ?? "";
        int? version = d.AgentScriptVersion is { } pinned
            ? (await store.GetAsync(scriptId, pinned) is null ? null : pinned)
            : await store.GetLatestVersionAsync(scriptId);
        if (version is not { } found)
        {
            // Dialing people with no conversation to give them would be worse than not dialing.
            LogScriptMissing(Id, scriptId, d.AgentScriptVersion);
            await StopPacingAsync();
            await MoveAsync(CampaignStatus.Paused);
            return null;
        }
        resolvedScript = (scriptId, d.AgentScriptVersion, found, now);
        return found;
    }

    private async Task RefillBroadcastHopperAsync(int wanted)
    {
        if (hopper.Count >= wanted || time.GetUtcNow() < nextRefillAt) return;
        var d = S.Definition;
        // About two seconds of dialing per claim: few database round trips, few leads held out of other campaigns' reach.
        var batch = (int)Math.Clamp(d.MaxCallsPerSecond * 2, 10, 500);
        await ClaimAsync(batch);
    }

    /// <summary>Takes trunk slots for up to <paramref name="count"/> calls and starts them; returns how many started.</summary>
    private async Task<int> StartBroadcastCallsAsync(int count, int scriptVersion)
    {
        if (count <= 0) return 0;
        var trunkName = TrunkName;
        var trunk = GrainFactory.GetGrain<ITrunkGrain>(trunkName);
        var granted = await trunk.AcquireAsync(Id, Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList());
        var unused = new List<string>();
        var started = 0;
        try
        {
            foreach (var callId in granted)
            {
                trunkOfCall[callId] = trunkName;
                if (await StartBroadcastCallAsync(callId, scriptVersion)) started++;
                else unused.Add(callId);
            }
        }
        finally
        {
            // Slots of calls never placed (no callable lead, or an error) go straight back to the trunk.
            unused.AddRange(granted.Skip(started + unused.Count));
            foreach (var callId in unused) trunkOfCall.Remove(callId);
            if (unused.Count > 0) await trunk.ReleaseAsync(unused);
        }
        if (started > 0) await state.WriteStateAsync();
        return started;
    }

    /// <summary>Places one call to the next callable lead; false when the hopper ran dry.</summary>
    private async Task<bool> StartBroadcastCallAsync(string callId, int scriptVersion)
    {
        var d = S.Definition;
        while (hopper.TryDequeue(out var entry))
        {
            S.ActiveCalls[callId] = new ActiveCall(callId, entry.LeadId, null, time.GetUtcNow());
            try
            {
                await GrainFactory.GetGrain<ICallGrain>(callId).StartAsync(new CallStart(Id, entry.LeadId, entry.Phone, d.CallerId, null, null,
                    d.RingTimeoutSeconds, d.Retry, d.Simulation, d.WrapUpTimeoutSeconds, new BroadcastCall(d.AgentScriptId!, scriptVersion, d.Dispositions),
                    DetectAnsweringMachine: d.AnsweringMachineDetection));
                S.Counters = S.Counters with { Dialed = S.Counters.Dialed + 1 };
                return true;
            }
            catch (DomainException ex)
            {
                // The lead refused (dialed elsewhere, DNC): the call cleared what it stored, so the id serves the next lead.
                LogLeadRefused(Id, entry.LeadId, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
                S.ActiveCalls.Remove(callId);
            }
        }
        return false;
    }

    /// <summary>A Broadcast call ended: its trunk channel is free again.</summary>
    private void ReleaseTrunkSlot(string callId)
    {
        var trunk = trunkOfCall.Remove(callId, out var name) ? name : TrunkName;
        // One-way: the campaign does not wait on the trunk while reporting a call's end.
        GrainFactory.GetGrain<ITrunkGrain>(trunk).ReleaseAsync([callId]).Ignore();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId}: agent script {ScriptId} (version {Version}) not found; campaign paused")]
    private partial void LogScriptMissing(string campaignId, string scriptId, int? version);
}
