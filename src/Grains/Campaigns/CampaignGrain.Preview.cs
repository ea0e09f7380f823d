using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Campaigns;

// The Preview dialer: a Ready agent is shown the next lead and decides to dial or skip it.
public sealed partial class CampaignGrain
{
    private readonly Dictionary<string, PreviewReservation> previews = new(StringComparer.Ordinal);

    private sealed record PreviewReservation(HopperEntry Lead, DateTimeOffset ReservedAt);

    public Task<long?> GetPreviewAsync(string agentId)
    {
        EnsureExists();
        RequirePreviewCampaign();
        return Task.FromResult(previews.TryGetValue(agentId, out var p) ? p.Lead.LeadId : (long?)null);
    }

    public async Task<string> DialPreviewAsync(string agentId)
    {
        EnsureExists();
        RequirePreviewCampaign();
        Require("dial", CampaignStatus.Running);
        if (!previews.Remove(agentId, out var preview)) throw new InvalidTransitionException($"Agent '{agentId}' has no lead in preview.");
        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        var callId = Guid.NewGuid().ToString("N");
        try
        {
            await agent.ReserveAsync(callId);
        }
        catch (DomainException)
        {
            hopper.Enqueue(preview.Lead);
            throw;
        }
        var sipUri = S.AgentSipUris.GetValueOrDefault(agentId);
        S.ActiveCalls[callId] = new ActiveCall(callId, preview.Lead.LeadId, agentId, time.GetUtcNow());
        try
        {
            var d = S.Definition;
            await GrainFactory.GetGrain<ICallGrain>(callId).StartAsync(new CallStart(Id, preview.Lead.LeadId, preview.Lead.Phone, d.CallerId, agentId,
                sipUri, d.RingTimeoutSeconds, d.Retry, d.Simulation, d.WrapUpTimeoutSeconds, DetectAnsweringMachine: d.AnsweringMachineDetection));
        }
        catch (DomainException)
        {
            S.ActiveCalls.Remove(callId);
            await agent.ReleaseAsync(callId);
            throw;
        }
        S.Counters = S.Counters with { Dialed = S.Counters.Dialed + 1 };
        await SaveSoonAsync();
        return callId;
    }

    public async Task SkipPreviewAsync(string agentId, string? reason, DateTimeOffset? callbackAt)
    {
        EnsureExists();
        RequirePreviewCampaign();
        if (!previews.TryGetValue(agentId, out var preview)) throw new InvalidTransitionException($"Agent '{agentId}' has no lead in preview.");
        if (callbackAt is { } at)
        {
            if (at <= time.GetUtcNow()) throw new ValidationFailedException("callbackAt", "A callback time must be in the future.");
            previews.Remove(agentId);
            await leadStore.TransitionAsync(preview.Lead.LeadId, LeadStatus.Queued,
                new LeadTransition(LeadStatus.Callback, Notes: string.IsNullOrWhiteSpace(reason) ? null : $"Skipped: {reason}", NextCallableAt: at, CallbackAgentId: agentId));
        }
        else
        {
            // Back of the queue: the agent sees the next lead, others may still get this one.
            previews.Remove(agentId);
            hopper.Enqueue(preview.Lead);
        }
        LogPreviewSkipped(Id, agentId, preview.Lead.LeadId, PersonalData.MaskPhoneNumbersIn(reason));
        _ = Self.PaceAsync();
    }

    private async Task PacePreviewAsync()
    {
        var now = time.GetUtcNow();
        var timeout = TimeSpan.FromSeconds(S.Definition.PreviewTimeoutSeconds);
        foreach (var (agentId, preview) in previews.ToList())
        {
            var stillReady = S.Agents.TryGetValue(agentId, out var status) && status == AgentStatus.Ready;
            if (stillReady && now - preview.ReservedAt <= timeout) continue;
            previews.Remove(agentId);
            hopper.Enqueue(preview.Lead);
            if (stillReady) LogPreviewExpired(Id, agentId, preview.Lead.LeadId);
        }
        foreach (var agentId in S.Agents.Where(a => a.Value == AgentStatus.Ready && !previews.ContainsKey(a.Key)).Select(a => a.Key).ToList())
        {
            await RefillAsync(1);
            if (TakeLead(agentId) is not { } entry) break;
            previews[agentId] = new PreviewReservation(entry, now);
        }
        await CompleteIfExhaustedAsync();
    }

    private void RequirePreviewCampaign()
    {
        if (S.Definition.DialerType != DialerType.Preview)
            throw new InvalidTransitionException($"Campaign '{Id}' is a {S.Definition.DialerType} campaign; previews belong to Preview campaigns.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: agent {AgentId} skipped lead {LeadId} ({Reason})")]
    private partial void LogPreviewSkipped(string campaignId, string agentId, long leadId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: preview of lead {LeadId} by agent {AgentId} timed out")]
    private partial void LogPreviewExpired(string campaignId, string agentId, long leadId);
}
