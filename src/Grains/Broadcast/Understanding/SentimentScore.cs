namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>A sentiment score in [-1, 1] with its label.</summary>
public sealed record SentimentScore(double Score, SentimentLabel Label)
{
    /// <summary>Scores within ±0.05 of zero are neutral (the usual cut-off for normalised lexicon scores).</summary>
    public const double NeutralBand = 0.05;

    /// <summary>A neutral score.</summary>
    public static SentimentScore Neutral { get; } = new(0, SentimentLabel.Neutral);

    /// <summary>Labels a score.</summary>
    public static SentimentScore From(double score)
    {
        var clamped = Math.Clamp(score, -1, 1);
        var label = clamped > NeutralBand ? SentimentLabel.Positive
            : clamped < -NeutralBand ? SentimentLabel.Negative
            : SentimentLabel.Neutral;
        return new SentimentScore(Math.Round(clamped, 4), label);
    }

    /// <summary>The call-level sentiment: the mean of the caller's utterance scores, neutral when none.</summary>
    public static SentimentScore Aggregate(IEnumerable<SentimentScore> scores)
    {
        var list = scores.ToList();
        return list.Count == 0 ? Neutral : From(list.Average(s => s.Score));
    }
}
