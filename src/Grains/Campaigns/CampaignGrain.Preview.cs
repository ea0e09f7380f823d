using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Campaigns;

// The Preview dialer's requests: an agent looks at the lead it was offered (PreviewPacer), dials or skips it.
public sealed partial class CampaignGrain
{
    public Task<long?> GetPreviewAsync(string agentId)
    {
        EnsureExists();
        return Task.FromResult(PreviewPacer.OfferOf(agentId)?.LeadId);
    }

    public async Task<string> DialPreviewAsync(string agentId)
    {
        EnsureExists();
        var previews = PreviewPacer;
        Require("dial", CampaignStatus.Running);
        var lead = previews.Accept(agentId) ?? throw new InvalidTransitionException($"Agent '{agentId}' has no lead in preview.");
        var callId = await dialer.DialPreviewAsync(agentId, lead);
        await SaveSoonAsync();
        return callId;
    }

    public async Task SkipPreviewAsync(string agentId, string? reason, DateTimeOffset? callbackAt)
    {
        EnsureExists();
        var previews = PreviewPacer;
        if (previews.OfferOf(agentId) is not { } lead) throw new InvalidTransitionException($"Agent '{agentId}' has no lead in preview.");
        if (callbackAt is { } at)
        {
            if (at <= time.GetUtcNow()) throw new ValidationFailedException("callbackAt", "A callback time must be in the future.");
            previews.Accept(agentId);
            await leadStore.TransitionAsync(lead.LeadId, LeadStatus.Queued,
                new LeadTransition(LeadStatus.Callback, Notes: string.IsNullOrWhiteSpace(reason) ? null : $"Skipped: {reason}", NextCallableAt: at, CallbackAgentId: agentId));
        }
        else
        {
            // Back of the queue: the agent sees the next lead, others may still get this one.
            previews.Skip(agentId);
        }
        LogPreviewSkipped(Id, agentId, lead.LeadId, PersonalData.MaskPhoneNumbersIn(reason));
        _ = Self.PaceAsync();
    }

    private PreviewPacer PreviewPacer => pacer as PreviewPacer
        ?? throw new InvalidTransitionException($"Campaign '{Id}' is a {S.Definition.DialerType} campaign; previews belong to Preview campaigns.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: agent {AgentId} skipped lead {LeadId} ({Reason})")]
    private partial void LogPreviewSkipped(string campaignId, string agentId, long leadId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: preview of lead {LeadId} by agent {AgentId} timed out")]
    private partial void LogPreviewExpired(string campaignId, string agentId, long leadId);
}
