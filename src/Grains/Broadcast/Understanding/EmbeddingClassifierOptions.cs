namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Tuning of <see cref="EmbeddingIntentClassifier"/>.</summary>
public sealed record EmbeddingClassifierOptions
{
    /// <summary>
    /// Below this cosine similarity to the nearest example the utterance is a no-match. With all-MiniLM-L6-v2 unrelated
    /// short sentences score about 0.0–0.3 and paraphrases 0.5–0.9; 0.4 separates them with room on both sides. It
    /// cannot catch a recogniser that forced other speech onto an example word for word ("hello" heard as "no" scores
    /// 1): that is rejected before classification (<c>InProcessRecognitionOptions.RejectOutOfGrammar</c>).
    /// </summary>
    public double NoMatchThreshold { get; init; } = 0.4;

    /// <summary>Most example vectors kept in memory across scripts; the cache is emptied when it grows past this.</summary>
    public int MaxCachedExamples { get; init; } = 20_000;

    /// <summary>Problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        // Cosine similarity of unit vectors lies in [-1, 1]; a threshold of 0 or less would accept anything at all.
        if (!double.IsFinite(NoMatchThreshold) || NoMatchThreshold is <= 0 or > 1)
        {
            problems.Add($"{nameof(NoMatchThreshold)} must be above 0 and at most 1 (was {NoMatchThreshold}).");
        }

        if (MaxCachedExamples is < 1 or > 10_000_000)
        {
            problems.Add($"{nameof(MaxCachedExamples)} must be between 1 and 10000000 (was {MaxCachedExamples}).");
        }

        return problems;
    }
}
