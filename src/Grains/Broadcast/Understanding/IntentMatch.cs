namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>The answer of an <see cref="IIntentClassifier"/>.</summary>
/// <param name="Intent">The recognised intent, or null for no match.</param>
/// <param name="Confidence">0..1; for embeddings the cosine similarity of the nearest example.</param>
/// <param name="Evidence">The example that matched best, or the classifier's reason.</param>
public sealed record IntentMatch(string? Intent, double Confidence, string? Evidence = null)
{
    /// <summary>True when an intent was recognised.</summary>
    public bool IsMatch => Intent is not null;

    /// <summary>A no-match result.</summary>
    public static IntentMatch None(double bestScore = 0, string? evidence = null) => new(null, bestScore, evidence);
}
