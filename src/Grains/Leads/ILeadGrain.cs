using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Leads;

/// <summary>
/// The single writer for one lead (key: the lead's row id). It refuses a second concurrent dial;
/// the row in <c>leads</c> is its state, so set-based queries and the grain see the same truth.
/// </summary>
[Alias("cc.ILeadGrain")]
public interface ILeadGrain : IGrainWithIntegerKey
{
    Task<Lead> GetAsync();
    /// <summary>
    /// New/Queued/Callback → Dialing for <paramref name="callId"/>; refused when already dialing, finished or on DNC.
    /// The attempt is stored with its <paramref name="grounds"/> (the dial audit) in the same statement.
    /// </summary>
    Task<Lead> BeginDialAsync(string callId, string campaignId, DialGrounds? grounds = null);
    /// <summary>Dialing → Contacted (answered), New (retry later) or Done (out of attempts / undialable).</summary>
    Task<Lead> RecordAttemptAsync(string callId, CallOutcome outcome, RetryPolicy policy);
    /// <summary>Contacted → Done, Callback, New or DoNotCall as the disposition says.</summary>
    Task<Lead> ApplyDispositionAsync(Disposition disposition, WrapUpRequest wrapUp, string? agentId, RetryPolicy policy);
    /// <summary>Queued → New: a hopper gives the lead back undialed.</summary>
    Task ReleaseAsync();

    /// <summary>The lead's call <paramref name="callId"/> was lost with nothing stored about it: the lead is Done.</summary>
    Task<bool> ReleaseLostCallAsync(string callId);
    /// <summary>
    /// Replaces the profile (an agent corrects it during the call, a supervisor between calls) with an
    /// E.164 phone; a new phone is refused while a call is queued, placed or live with the old one.
    /// </summary>
    Task<Lead> UpdateProfileAsync(LeadProfile profile);
    /// <summary>Deletes the lead; refused while a call is placed or live with it.</summary>
    Task DeleteAsync();
}
