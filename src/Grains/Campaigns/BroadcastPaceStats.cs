using ContactCenter.Grains.Pacing;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Campaigns;

/// <summary>
/// A Broadcast campaign's pace: what it asked, what it achieved over the last minute, and what held it back,
/// with this node's speech capacity where conversations decode real audio.
/// </summary>
/// <param name="LimitedBy">
/// maxConcurrentCalls, speechCapacity, trunkFull, noCallableLeads; null while dialing as asked (or not running).
/// </param>
[GenerateSerializer, Immutable, Alias("cc.BroadcastPaceStats")]
public sealed record BroadcastPaceStats(
    [property: Id(0)] double AskedCallsPerSecond,
    [property: Id(1)] double AchievedCallsPerSecond,
    [property: Id(2)] int MaxConcurrentCalls,
    [property: Id(3)] string? LimitedBy,
    [property: Id(4)] int? SpeechConversationsMax,
    [property: Id(5)] int? SpeechConversationsActive)
{
    public static BroadcastPaceStats Of(CampaignDefinition d, BroadcastPacer pacer, bool running, IRecognitionCapacity? speech) => new(
        d.MaxCallsPerSecond,
        Math.Round(pacer.AchievedCallsPerSecond, 2),
        d.MaxConcurrentCalls,
        running && pacer.Limit != BroadcastLimit.None ? char.ToLowerInvariant(pacer.Limit.ToString()[0]) + pacer.Limit.ToString()[1..] : null,
        // A recogniser without streaming admits any number (int.MaxValue): there is no capacity to show.
        speech is { MaxConversations: < int.MaxValue } ? speech.MaxConversations : null,
        speech is { MaxConversations: < int.MaxValue } ? speech.ActiveConversations : null);
}
