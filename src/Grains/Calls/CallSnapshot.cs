using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Calls;

/// <summary>A call as the API shows it, live or from its call detail record.</summary>
[GenerateSerializer, Immutable, Alias("cc.CallSnapshot")]
public sealed record CallSnapshot
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public string CampaignId { get; init; } = "";
    [Id(2)] public long? LeadId { get; init; }
    [Id(3)] public string? AgentId { get; init; }
    [Id(4)] public string Destination { get; init; } = "";
    [Id(5)] public string? CallerId { get; init; }
    [Id(6)] public CallStatus Status { get; init; }
    [Id(7)] public CallOutcome Outcome { get; init; }
    [Id(8)] public string? Disposition { get; init; }
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public DateTimeOffset? DialingAt { get; init; }
    [Id(11)] public DateTimeOffset? RingingAt { get; init; }
    [Id(12)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(13)] public DateTimeOffset? ConnectedAt { get; init; }
    [Id(14)] public DateTimeOffset? EndedAt { get; init; }
    [Id(15)] public string? Notes { get; init; }

    /// <summary>Seconds from the start of ringing (or of dialing) to the answer (or the end); null until known.</summary>
    public double? RingSeconds => Seconds(RingingAt ?? DialingAt, AnsweredAt ?? EndedAt);

    /// <summary>Seconds from the answer to the end; null for an unanswered or live call.</summary>
    public double? TalkSeconds => Seconds(AnsweredAt, EndedAt);

    public bool IsLive => Status is CallStatus.Created or CallStatus.Dialing or CallStatus.Ringing or CallStatus.Answered or CallStatus.Connected;

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? (t - f).TotalSeconds : null;
}
