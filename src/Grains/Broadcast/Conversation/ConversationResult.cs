using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>Everything the dialer records about a finished AI-agent conversation.</summary>
public sealed record ConversationResult
{
    /// <summary>The conversation outcome (script-defined or one of <see cref="Scripts.ConversationOutcomes"/>).</summary>
    public required string Outcome { get; init; }

    /// <summary>The disposition code the script maps the outcome to (the outcome itself when unmapped).</summary>
    public required string Disposition { get; init; }

    /// <summary>Transfers, callbacks, DNC additions and hang-ups, in order.</summary>
    public required IReadOnlyList<ConversationAction> Actions { get; init; }

    /// <summary>Collected slot values in canonical form.</summary>
    public required IReadOnlyDictionary<string, string> Slots { get; init; }

    /// <summary>Intents recognised, in order.</summary>
    public required IReadOnlyList<string> Intents { get; init; }

    /// <summary>A short human-readable account of the call.</summary>
    public required string Summary { get; init; }

    /// <summary>Sentiment over all caller utterances.</summary>
    public required SentimentScore Sentiment { get; init; }

    /// <summary>The timestamped transcript.</summary>
    public required IReadOnlyList<TranscriptEntry> Transcript { get; init; }

    /// <summary>When the conversation started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }
}
