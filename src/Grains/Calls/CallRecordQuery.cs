using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Calls;

/// <summary>
/// Filters of a call detail record report, newest first. Only records of ended calls match: a live call's row
/// (written early to hang a transfer or conversation on) is not a report of it yet. <see cref="After"/> is the
/// creation time and id of the last record of the previous page, <see cref="Before"/> that record's id alone (the
/// older form): either way the page continues after it, so pages neither skip nor repeat records however many
/// share a timestamp. <see cref="From"/> is inclusive, <see cref="To"/> exclusive.
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
    int Limit = 100,
    (DateTimeOffset CreatedAt, string CallId)? After = null);
