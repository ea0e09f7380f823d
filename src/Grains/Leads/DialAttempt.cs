namespace ContactCenter.Grains.Leads;

/// <summary>
/// One dial attempt and why it was allowed (the dial audit): the do-not-call lists the number was checked
/// against, the lead's local time under the campaign's calling window, the attempt count under the retry
/// rule, and the caller ID with the reason it was chosen. <see cref="Outcome"/> and <see cref="Disposition"/>
/// come from the call record once the call has ended.
/// </summary>
/// <param name="LeadLocalTime">The wall-clock time in the lead's zone when the call was placed.</param>
/// <param name="WindowOpen">Whether that local time is inside <see cref="CallingWindow"/>.</param>
/// <param name="CallableSince">When the retry rule made the lead callable again (null for a first attempt or an immediate retry).</param>
public sealed record DialAttempt(
    string CallId,
    long LeadId,
    long ListId,
    string CampaignId,
    DateTimeOffset DialedAt,
    int Attempt,
    int? MaxAttempts,
    string? PreviousOutcome,
    DateTimeOffset? CallableSince,
    string? TimeZone,
    DateTime? LeadLocalTime,
    string? CallingWindow,
    bool? WindowOpen,
    List<string> DncChecked,
    string? CallerId,
    string CallerIdReason,
    string? RetryRule,
    string? Outcome,
    string? Disposition);
