using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Leads;

public sealed class LeadGrain(LeadStore store, TimeProvider time) : Grain, ILeadGrain
{
    private long Id => this.GetPrimaryKeyLong();

    public async Task<Lead> GetAsync() => await store.GetAsync(Id) ?? throw new EntityNotFoundException("Lead", Key);

    public async Task<Lead> BeginDialAsync(string callId, string campaignId, DialGrounds? grounds = null)
    {
        var (lead, refusal) = await store.BeginDialAsync(Id, callId, campaignId, grounds);
        return lead ?? throw new InvalidTransitionException($"Lead {Id} cannot be dialed: {refusal}");
    }

    public async Task<Lead> RecordAttemptAsync(string callId, CallOutcome outcome, RetryPolicy policy)
    {
        var answered = outcome == CallOutcome.Answered;
        var recorded = await store.RecordAttemptAsync(Id, callId, outcome.ToString(), answered, answered ? null : policy.DelayAfter(outcome),
            policy.MaxAttempts, time.GetUtcNow());
        if (recorded is not null) return recorded;
        // The one-statement path found nothing to change: read the lead only to say why.
        var lead = await GetAsync();
        throw new InvalidTransitionException($"Lead {Id} is {lead.Status}, not dialing call '{callId}'.");
    }

    public async Task<Lead> ApplyDispositionAsync(Disposition disposition, WrapUpRequest wrapUp, string? agentId, RetryPolicy policy)
    {
        var lead = await GetAsync();
        if (lead.Status != LeadStatus.Contacted)
            throw new InvalidTransitionException("Lead", Key, lead.Status.ToString(), "take a disposition");
        var now = time.GetUtcNow();
        LeadTransition change;
        if (disposition.AddsToDnc)
        {
            // The global list's rule marks the number's other waiting leads; this one is Contacted and
            // takes its status from the disposition, like any other.
            await store.AddToDncAsync(lead.Phone, "", $"Disposition '{disposition.Name}'");
            change = new LeadTransition(LeadStatus.DoNotCall);
        }
        else if (disposition.SchedulesCallback)
        {
            if (wrapUp.CallbackAt is not { } at || at <= now)
                throw new ValidationFailedException("callbackAt", $"Disposition '{disposition.Name}' needs a callback time in the future.");
            change = new LeadTransition(LeadStatus.Callback, NextCallableAt: at, CallbackAgentId: wrapUp.PersonalCallback ? agentId : null);
        }
        else if (disposition.Retry && lead.Attempts < policy.MaxAttempts)
        {
            change = new LeadTransition(LeadStatus.New, NextCallableAt: now + TimeSpan.FromMinutes(policy.DispositionRetryMinutes));
        }
        else
        {
            change = new LeadTransition(LeadStatus.Done);
        }
        return await MoveAsync(LeadStatus.Contacted, change with { Disposition = disposition.Name, Notes = wrapUp.Notes, Tags = wrapUp.Tags }, "take a disposition");
    }

    public async Task ReleaseAsync()
    {
        var lead = await GetAsync();
        if (lead.Status != LeadStatus.Queued) return;
        await MoveAsync(LeadStatus.Queued, new LeadTransition(LeadStatus.New, NextCallableAt: lead.NextCallableAt), "return to the hopper");
    }

    public async Task<bool> ReleaseLostCallAsync(string callId)
    {
        var lead = await GetAsync();
        // Moved on since the sweep read it: nothing to release.
        if (lead.CurrentCallId != callId || lead.Status is not (LeadStatus.Dialing or LeadStatus.Contacted)) return false;
        // Without the call, its campaign's retry rules are unknown: never dialing again is the safe side.
        await MoveAsync(lead.Status, new LeadTransition(LeadStatus.Done, Outcome: nameof(CallOutcome.Lost)), "release a lost call");
        return true;
    }

    public async Task<Lead> UpdateProfileAsync(LeadProfile profile)
    {
        if (await store.UpdateProfileAsync(Id, profile) is { } updated) return updated;
        var lead = await GetAsync();
        throw new InvalidTransitionException($"Lead {Id} is {lead.Status}: its phone can change once that call is over (the rest of its profile can change now).");
    }

    public async Task DeleteAsync()
    {
        switch (await store.DeleteAsync(Id))
        {
            case null: throw new EntityNotFoundException("Lead", Key);
            case false: throw new InvalidTransitionException($"Lead {Id} is on a call: delete it once that call is over.");
        }
        DeactivateOnIdle();
    }

    private string Key => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Lead> MoveAsync(LeadStatus from, LeadTransition change, string action) =>
        await store.TransitionAsync(Id, from, change)
        ?? throw new InvalidTransitionException("Lead", Key, "changed meanwhile", action);
}
