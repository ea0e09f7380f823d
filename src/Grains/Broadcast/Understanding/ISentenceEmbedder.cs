namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>Maps sentences to fixed-length vectors whose cosine similarity reflects closeness of meaning.</summary>
public interface ISentenceEmbedder
{
    /// <summary>One unit-length vector per sentence, in order.</summary>
    float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default);
}
