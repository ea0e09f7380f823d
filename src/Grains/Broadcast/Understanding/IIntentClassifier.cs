using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// Decides which of the candidate intents a caller's utterance expresses, or that it expresses none of them.
/// Implementations: <see cref="EmbeddingIntentClassifier"/> (offline sentence embeddings) and
/// <see cref="ChatClientIntentClassifier"/> (any <c>IChatClient</c>).
/// </summary>
public interface IIntentClassifier
{
    /// <summary>Classifies one utterance against the intents that make sense at this point of the conversation.</summary>
    /// <param name="utterance">What the caller said, as recognised text.</param>
    /// <param name="candidates">The intents to choose from; the result's intent is one of their names or null.</param>
    /// <param name="cancellationToken">Cancels the classification.</param>
    Task<IntentMatch> ClassifyAsync(string utterance, IReadOnlyList<IntentDefinition> candidates, CancellationToken cancellationToken = default);
}
