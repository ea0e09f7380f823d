using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Calls;

// Broadcast calls: answered with no agent, the AI agent holds the conversation; its result decides the lead's
// disposition, may hand the call to a human agent, and is stored with the call record.
public sealed partial class CallGrain
{
    private BroadcastCallRunner Runner => ServiceProvider.GetRequiredService<BroadcastCallRunner>();

    /// <summary>
    /// Acts on a finished conversation: a transfer the script asked for (when still allowed), else the disposition.
    /// Returns true when a human agent has the call now (then nobody hangs up on it).
    /// </summary>
    private async Task<bool> ApplyConversationAsync(BroadcastRun run, bool allowTransfer)
    {
        var start = state.State.Start!;
        var broadcast = start.Broadcast!;
        var details = run.Details;
        var (outcome, code) = (run.Result.Outcome, run.Result.Disposition);
        if (allowTransfer && run.TransferCampaign is { } target)
        {
            var agentId = await TransferAsync(target);
            details = details with { Transfer = new TransferRecord(target, agentId, agentId is null ? TransferRecord.NoAgent : TransferRecord.Connected) };
            if (agentId is not null)
            {
                // The human agent has the call now; their wrap-up gives the disposition.
                await SaveDetailsAsync(details);
                return true;
            }
            (outcome, code) = (BroadcastCallRunner.TransferFailedOutcome, run.TransferFailedDisposition ?? BroadcastCallRunner.TransferFailedOutcome);
            // The conversation ended asking for a transfer; what happened is that nobody took the call, and the
            // conversation on record must say so, as the lead's and the record's disposition do.
            details = await Runner.TransferFailedAsync(broadcast, details, code);
        }
        await ApplyConversationDispositionAsync(start, broadcast, outcome, code, details);
        return false;
    }

    private async Task ApplyConversationDispositionAsync(CallStart start, BroadcastCall broadcast, string outcome, string code, ConversationDetails details)
    {
        var (disposition, wrapUp) = BroadcastDispositions.Resolve(outcome, code, details, broadcast.Dispositions, time.GetUtcNow());
        try
        {
            await GrainFactory.GetGrain<ILeadGrain>(start.LeadId).ApplyDispositionAsync(disposition, wrapUp, null, start.Retry);
        }
        catch (DomainException ex)
        {
            LogLeadNotUpdated(Id, start.LeadId, ex.Message);
        }
        state.State.DispositionApplied = true;
        await SaveAsync(Call with { Disposition = disposition.Name, Notes = details.Summary });
        await SaveDetailsAsync(details with { Disposition = disposition.Name });
        await GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId).DispositionRecordedAsync(disposition.Name);
        LogConversationEnded(Id, outcome, disposition.Name);
    }

    /// <summary>Bridges the call to a Ready agent logged in to <paramref name="campaignId"/>; the agent's id, or null when none could take it.</summary>
    private async Task<string?> TransferAsync(string campaignId)
    {
        CampaignSnapshot target;
        try
        {
            target = await GrainFactory.GetGrain<ICampaignGrain>(campaignId).GetAsync();
        }
        catch (EntityNotFoundException)
        {
            LogTransferFailed(Id, campaignId, "no such campaign");
            return null;
        }
        foreach (var agentId in target.LoggedInAgents)
        {
            var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
            var snapshot = await agent.GetAsync();
            if (snapshot.Status != AgentStatus.Ready) continue;
            try
            {
                await agent.ReserveAsync(Id);
            }
            catch (DomainException)
            {
                continue; // someone else's call got this agent first
            }
            try
            {
                await carrier.BridgeAsync(Id, new AgentEndpoint(agentId, snapshot.SipUri));
                await agent.ConnectAsync(Id);
            }
            catch (Exception ex) when (ex is DomainException or InvalidOperationException)
            {
                LogTransferFailed(Id, campaignId, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
                try { await agent.ReleaseAsync(Id); } catch (DomainException) { }
                return null;
            }
            await SaveAsync(Call with { Status = CallStatus.Connected, ConnectedAt = time.GetUtcNow(), AgentId = agentId });
            await records.UpsertAsync(Call);
            return agentId;
        }
        LogTransferFailed(Id, campaignId, "no Ready agent");
        return null;
    }

    /// <summary>
    /// The lead's time zone, in which the person's "tomorrow" and the script's callback times are read: UTC when the
    /// lead has none, as its calling window counts it; null (the silo's zone) when the lead cannot be read, which must
    /// not keep the agent from answering a person on the line.
    /// </summary>
    private async Task<string?> LeadTimeZoneAsync(long leadId)
    {
        try
        {
            return (await GrainFactory.GetGrain<ILeadGrain>(leadId).GetAsync()).TimeZone ?? "UTC";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogLeadZoneUnknown(Id, leadId, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// A voicemail attempt ended: the script's voicemail policy goes on the record with it. The simulated carrier and
    /// the hang-up policy end such calls at once; a real call kept up for the message (<paramref name="keptUp"/>) records
    /// what was actually left (<paramref name="left"/>, null when nothing could be).
    /// </summary>
    private async Task RecordVoicemailAsync(ConversationDetails? left, bool keptUp)
    {
        try
        {
            var details = left ?? await Runner.RunVoicemailAsync(state.State.Start!.Broadcast!);
            if (keptUp && left is null) details = details with { VoicemailMessage = null };
            var note = details.Voicemail != "leaveMessage" ? "Voicemail: hung up"
                : !keptUp || details.VoicemailSeconds > 0 ? "Voicemail: message left" : "Voicemail: message not left";
            // The script's voicemail disposition goes on the record and the campaign's counts; the lead keeps the
            // attempt's own retry rule (it was never Contacted, so a disposition does not move it).
            var start = state.State.Start!;
            var (disposition, _) = BroadcastDispositions.Resolve(details.Outcome, details.ScriptDisposition, details, start.Broadcast!.Dispositions, time.GetUtcNow());
            await SaveAsync(Call with { Notes = note, Disposition = disposition.Name });
            await records.UpsertAsync(Call);
            await records.SaveDetailsAsync(Id, (details with { Disposition = disposition.Name }).ToJson());
            await GrainFactory.GetGrain<ICampaignGrain>(start.CampaignId).DispositionRecordedAsync(disposition.Name);
        }
        catch (Exception ex) when (ex is DomainException or AgentScriptFormatException or ArgumentException)
        {
            LogConversationFailed(Id, PersonalData.MaskPhoneNumbersIn(ex.Message)!);
        }
    }

    /// <summary>
    /// Whether a machine-answered call should stay up for a message: only for a Broadcast script that leaves one (the
    /// other dialers skip voicemail). A script that cannot be read leaves nothing; the conversation reports why later.
    /// </summary>
    private async Task<bool> LeavesVoicemailAsync(CallStart start)
    {
        if (start.Broadcast is not { } broadcast) return false;
        try
        {
            return await Runner.LeavesVoicemailAsync(broadcast);
        }
        catch (Exception ex) when (ex is DomainException or AgentScriptFormatException)
        {
            return false;
        }
    }

    private async Task SaveDetailsAsync(ConversationDetails details)
    {
        // The record exists before the details go on it; the final upsert at hang-up leaves the details alone.
        await records.UpsertAsync(Call);
        await records.SaveDetailsAsync(Id, details.ToJson());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: answered with no agent and no AI agent script; hanging up")]
    private partial void LogNoScript(string callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the AI agent could not hold the conversation: {Reason}")]
    private partial void LogConversationFailed(string callId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: conversation ended {Outcome}, disposition {Disposition}")]
    private partial void LogConversationEnded(string callId, string outcome, string disposition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the time zone of lead {LeadId} could not be read ({Error}); the silo's zone applies")]
    private partial void LogLeadZoneUnknown(string callId, long leadId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: transfer to campaign {CampaignId} failed: {Reason}")]
    private partial void LogTransferFailed(string callId, string campaignId, string reason);
}
