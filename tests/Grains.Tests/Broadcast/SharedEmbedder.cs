using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Tests.Broadcast;

/// <summary>The MiniLM model takes about a second to load; every test shares one instance.</summary>
internal static class SharedEmbedder
{
    private static readonly Lazy<MiniLmSentenceEmbedder> Instance = new(() => new MiniLmSentenceEmbedder());
    private static readonly Lazy<EmbeddingIntentClassifier> ClassifierInstance = new(() => new EmbeddingIntentClassifier(Instance.Value));

    public static MiniLmSentenceEmbedder Embedder => Instance.Value;

    public static EmbeddingIntentClassifier Classifier => ClassifierInstance.Value;
}
