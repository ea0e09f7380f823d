using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Grains.Calls;

/// <summary>What a campaign hands a new call grain.</summary>
[GenerateSerializer, Immutable, Alias("cc.CallStart")]
public sealed record CallStart(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] long LeadId,
    [property: Id(2)] string Destination,
    [property: Id(3)] string? CallerId,
    [property: Id(4)] string? AgentId,
    [property: Id(5)] string? AgentSipUri,
    [property: Id(6)] int RingTimeoutSeconds,
    [property: Id(7)] RetryPolicy Retry,
    [property: Id(8)] CampaignSimulation? Simulation,
    [property: Id(9)] int? WrapUpTimeoutSeconds = null,
    [property: Id(10)] ContactCenter.Grains.Broadcast.Calls.BroadcastCall? Broadcast = null,
    [property: Id(40)] bool? DetectAnsweringMachine = null,
    // The campaign's disposition set when the call started; null in calls started by earlier versions.
    [property: Id(41)] List<ContactCenter.Grains.Dispositions.Disposition>? Dispositions = null,
    // Predictive: dialed for no agent in particular; the campaign hands the answered call to a Ready agent.
    [property: Id(42)] bool ConnectOnAnswer = false,
    // What an answered call that no agent takes hears before the hang-up (the campaign's safe-harbor message).
    [property: Id(43)] string? SafeHarborMessage = null,
    // The calling window the claim applied and why the caller ID was chosen: stored with the attempt (the dial audit).
    [property: Id(44)] ContactCenter.Grains.Pacing.CallingWindow? Window = null,
    [property: Id(45)] string? CallerIdReason = null,
    // Answered and not with an agent this many seconds later: abandoned (null: calls without agents).
    [property: Id(46)] double? AbandonAfterSeconds = null,
    // Predictive: how long an answered call with no agent free waits for one before the safe-harbor message.
    [property: Id(47)] double? AgentWaitSeconds = null);
