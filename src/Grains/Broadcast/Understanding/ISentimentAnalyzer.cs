namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Scores how positive or negative an utterance is.</summary>
public interface ISentimentAnalyzer
{
    /// <summary>Scores one utterance.</summary>
    SentimentScore Analyze(string text);
}
