using ContactCenter.Grains.Dispositions;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// One live call: Created → Dialing → Ringing → Answered → Connected → Completed, or Failed with
/// an outcome. Writes its call detail record when it ends.
/// </summary>
[Alias("cc.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Created → Dialing: claims the lead for this call and asks the carrier to place it.</summary>
    Task<CallSnapshot> StartAsync(CallStart start);
    /// <summary>Progress from the carrier.</summary>
    Task OnCarrierEventAsync(CallProgress progress);
    /// <summary>Ends the call from our side (supervisor or agent).</summary>
    Task HangUpAsync();
    /// <summary>Records the agent's wrap-up for this call and applies the disposition to the lead.</summary>
    Task ApplyDispositionAsync(WrapUpRequest wrapUp, string? agentId);
    Task<CallSnapshot> GetAsync();
    /// <summary>
    /// Applies the result of this call's AI-agent conversation once it has ended. Called by the call itself: the
    /// conversation runs outside the grain's turns (it outlasts any response timeout). Does nothing when there is
    /// nothing to apply.
    /// </summary>
    Task OnConversationEndedAsync();

    /// <summary>Whether the call is live in a running activation; an orphan found this way recovers itself next.</summary>
    [Orleans.Concurrency.AlwaysInterleave] Task<CallLiveness> GetLivenessAsync();

    /// <summary>
    /// The call sweep's poke for a lead Dialing or Contacted on this call: a call whose silo died is
    /// ended, an ended call whose bookkeeping failed is finished, a lead nobody will disposition is settled.
    /// </summary>
    Task SuperviseAsync(long leadId);
}
