using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>One timestamped line of the call transcript.</summary>
/// <param name="At">When it happened, from the session's <see cref="TimeProvider"/>.</param>
/// <param name="Speaker">Agent, caller or system.</param>
/// <param name="Text">The words, or a description of the event.</param>
/// <param name="NodeId">The node the conversation was at.</param>
/// <param name="Intent">Caller lines: the recognised intent, if any.</param>
/// <param name="Confidence">Caller lines: the classifier's confidence.</param>
/// <param name="Sentiment">Caller utterances: their sentiment.</param>
public sealed record TranscriptEntry(
    DateTimeOffset At,
    Speaker Speaker,
    string Text,
    string? NodeId = null,
    string? Intent = null,
    double? Confidence = null,
    SentimentScore? Sentiment = null);
