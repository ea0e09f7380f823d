using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// Filters of a call detail record report, newest first. <see cref="Before"/> is the id of the
/// last record of the previous page: the page continues after it, so pages neither skip nor repeat
/// records however many share a timestamp. <see cref="From"/> is inclusive, <see cref="To"/> exclusive.
/// </summary>
public sealed record CallRecordQuery(
    string? CampaignId = null,
    string? AgentId = null,
    long? LeadId = null,
    CallOutcome? Outcome = null,
    string? Disposition = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Before = null,
    int Limit = 100);
