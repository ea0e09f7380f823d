namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Coarse sentiment.</summary>
public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}
