namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Tuning of <see cref="EmbeddingIntentClassifier"/>.</summary>
public sealed record EmbeddingClassifierOptions
{
    /// <summary>
    /// Below this cosine similarity to the nearest example the utterance is a no-match. With all-MiniLM-L6-v2 unrelated
    /// short sentences score about 0.0–0.3 and paraphrases 0.5–0.9; 0.4 separates them with room on both sides.
    /// </summary>
    public double NoMatchThreshold { get; init; } = 0.4;

    /// <summary>Most example vectors kept in memory across scripts; the cache is emptied when it grows past this.</summary>
    public int MaxCachedExamples { get; init; } = 20_000;
}
