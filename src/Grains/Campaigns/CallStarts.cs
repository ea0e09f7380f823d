using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Pacing;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// The one place a campaign's call start is built, for every dialer: what the call needs to run on its
/// own to the end (ring timeout, retry rules, the disposition set its wrap-up is checked against),
/// so it never has to ask the campaign back while the campaign may be waiting on it.
/// </summary>
public static class CallStarts
{
    /// <param name="presented">The caller ID local presence chose and why; null presents the campaign's own.</param>
    public static CallStart For(string campaignId, CampaignDefinition d, HopperEntry lead, string? agentId = null, string? agentSipUri = null, BroadcastCall? broadcast = null,
        PresentedNumber? presented = null) =>
        new(campaignId, lead.LeadId, lead.Phone, presented is null ? d.CallerId : presented.Number, agentId, agentSipUri, d.RingTimeoutSeconds, d.Retry, d.Simulation, d.WrapUpTimeoutSeconds, broadcast,
            DetectAnsweringMachine: d.AnsweringMachineDetection, Dispositions: [.. d.Dispositions],
            ConnectOnAnswer: agentId is null && broadcast is null && d.DialerType == DialerType.Predictive,
            SafeHarborMessage: broadcast is null && !string.IsNullOrWhiteSpace(d.SafeHarborMessage) ? d.SafeHarborMessage.Trim() : null,
            AbandonAfterSeconds: broadcast is null && d.DialerType is DialerType.Auto or DialerType.Predictive ? d.AbandonAfterSeconds : null,
            AgentWaitSeconds: agentId is null && broadcast is null && d.DialerType == DialerType.Predictive ? (d.Predictive ?? new()).AgentWaitSeconds : null,
            Window: d.CallingWindow, CallerIdReason: presented?.Reason ?? (d.CallerId is null ? "none set: the carrier's default" : "the campaign's caller ID"));
}
