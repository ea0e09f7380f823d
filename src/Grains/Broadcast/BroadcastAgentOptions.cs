using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Grains.Broadcast;

/// <summary>Settings of the AI voice agent registered by <see cref="BroadcastServiceCollectionExtensions.AddBroadcastAgent"/>.</summary>
public sealed record BroadcastAgentOptions
{
    /// <summary>
    /// Classify intents with the registered <c>IChatClient</c> instead of the offline embeddings. Ignored (embeddings
    /// are used) when no chat client is registered.
    /// </summary>
    public bool UseChatClient { get; set; }

    /// <summary>Longest wait for the chat model per utterance.</summary>
    public TimeSpan ChatTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Embedding classifier tuning.</summary>
    public EmbeddingClassifierOptions Embeddings { get; set; } = new();

    /// <summary>Text to speech.</summary>
    public EspeakOptions TextToSpeech { get; set; } = new();

    /// <summary>Speech recognition.</summary>
    public PocketSphinxOptions Recognition { get; set; } = new();
}
