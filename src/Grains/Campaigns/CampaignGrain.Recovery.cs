using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ContactCenter.Grains.Campaigns;

// A Running campaign dials from a grain timer, which lives as long as its activation. When the silo
// dies (or the product restarts) nothing would activate the campaign again until someone touched it,
// so a Running campaign holds an Orleans reminder: it is stored in PostgreSQL and fires on whichever
// silo owns it now, which activates the campaign, and activation resumes pacing. The new activation
// then checks the calls and agents the old one held, whose reports may have gone to the dead one.
public sealed partial class CampaignGrain
{
    private const string KeepDialingReminder = "keep-dialing";
    // Orleans' shortest reminder period; the call sweep usually wakes the campaign sooner (a lost call reports to it).
    private static readonly TimeSpan KeepDialingPeriod = TimeSpan.FromMinutes(1);
    private bool reminderRegistered;
    // While dialing, calls and agents are checked this often: a set-up that met a database outage can leave
    // an agent reserved for a call that never started, and nothing else would tell it.
    private static readonly TimeSpan ReconcilePeriod = TimeSpan.FromSeconds(30);
    private DateTimeOffset nextReconcileAt;
    private static readonly TimeSpan AgentCheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>After a failed set-up or turn, check calls and agents within seconds rather than at the period.</summary>
    private void ReconcileSoon()
    {
        var soon = time.GetUtcNow() + TimeSpan.FromSeconds(3);
        if (nextReconcileAt == default || nextReconcileAt > soon) nextReconcileAt = soon;
    }

    private async Task ReconcileIfDueAsync(bool force = false)
    {
        var now = time.GetUtcNow();
        if (nextReconcileAt == default) nextReconcileAt = now + ReconcilePeriod;
        if (now < nextReconcileAt && !force) return;
        nextReconcileAt = now + ReconcilePeriod;
        try
        {
            await ReconcileAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReconcileFailed(Id, ex.GetType().Name, ex.Message);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has resumed pacing already; a campaign that left Running drops the reminder.
        return S.Exists && S.Status == CampaignStatus.Running ? EnsureReminderAsync() : KeepDialingAfterFailuresAsync(false);
    }

    public Task WakeAsync() => S.Exists && S.Status == CampaignStatus.Running ? EnsureReminderAsync() : Task.CompletedTask;

    private async Task EnsureReminderAsync()
    {
        if (reminderRegistered) return;
        await this.RegisterOrUpdateReminder(KeepDialingReminder, KeepDialingPeriod, KeepDialingPeriod);
        reminderRegistered = true;
    }

    private async Task KeepDialingAfterFailuresAsync(bool running)
    {
        if (running)
        {
            await EnsureReminderAsync();
            return;
        }
        reminderRegistered = false;
        if (await this.GetReminder(KeepDialingReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <summary>
    /// Drops the calls that ended while no activation listened (their record and lead are settled by the
    /// call itself), and has every agent let go of a call that no longer exists.
    /// </summary>
    private async Task ReconcileAsync()
    {
        var calls = S.ActiveCalls.Keys.ToList();
        var liveness = await Task.WhenAll(calls.Select(id => GrainFactory.GetGrain<ICallGrain>(id).GetLivenessAsync()));
        var dropped = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            // A Lost call reports its end when recovered; Unknown and Ended ones will not report again.
            if (liveness[i] is CallLiveness.Unknown or CallLiveness.Ended && S.ActiveCalls.Remove(calls[i])) dropped++;
        }
        // Agents parked in Dialing for their next lead (their last call failed) are the pacing turn's to move.
        var parked = dialer.ParkedAgentIds.ToHashSet();
        await Task.WhenAll(S.Agents.Keys.Where(a => !parked.Contains(a)).ToList().Select(SuperviseAgentAsync));
        // Leads this campaign claimed whose claim's answer was lost (the database dropped the connection
        // after committing) are in no hopper: hand them back. Hopper and previews hold all others; the
        // pacing turn that runs this takes none meanwhile.
        var strays = await hopper.ReleaseStraysAsync();
        LogReconciled(Id, calls.Count, dropped, S.Agents.Count, strays);
        // Leads handed back and agents found Ready are dialed now, not after an idle wait of up to 30 s.
        if (strays > 0 || S.Agents.ContainsValue(AgentStatus.Ready))
        {
            hopper.ClaimSoon();
            if (S.Status == CampaignStatus.Running) _ = Self.PaceAsync();
        }
        if (dropped > 0) await SaveSoonAsync();
    }

    /// <summary>
    /// Lets an agent drop a call that no longer exists, and takes its state from the agent itself: the
    /// saved view is up to a second old, and reports sent to an activation that died are lost (an agent
    /// Ready since then would never be offered a call).
    /// </summary>
    private async Task SuperviseAgentAsync(string agentId)
    {
        try
        {
            // Bounded: an agent busy in a turn of its own (a wrap-up timer waiting on a call whose campaign was on the
            // silo that died) would otherwise hold this check, and with it the pacing turn, for Orleans' 30 s timeout
            // (seen: dialing resumed 23 s after a kill instead of at once). Its own report brings its state later.
            var (status, campaignId) = await GrainFactory.GetGrain<IAgentGrain>(agentId).SuperviseAsync().WaitAsync(AgentCheckTimeout);
            if (campaignId != Id || status == AgentStatus.Offline) S.Agents.Remove(agentId);
            // A Ready report that interleaved with this call is newer than the answer: keep it.
            else if (status == AgentStatus.Ready || S.Agents.GetValueOrDefault(agentId) != AgentStatus.Ready) S.Agents[agentId] = status;
        }
        catch (Exception ex) when (ex is Common.DomainException or TimeoutException or OrleansException)
        {
            LogAgentUnavailable(Id, agentId, ex.Message);
            // Not checked: again within seconds, not at the period (the agent also watches its own call).
            if (ex is not Common.DomainException) ReconcileSoon();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: checking calls and agents failed ({Error}: {Reason}); next time")]
    private partial void LogReconcileFailed(string campaignId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId}: checked {Calls} calls ({Dropped} ended meanwhile), {Agents} agents, and released {Strays} leads claimed but held nowhere")]
    private partial void LogReconciled(string campaignId, int calls, int dropped, int agents, int strays);
}
