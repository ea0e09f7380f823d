using System.Collections.Concurrent;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Tests.Calls.Support;

/// <summary>
/// The real intent classifier with a gate in front: a conversation that hears an utterance a test is holding waits
/// there (honouring cancellation, as a slow model would) until the test lets it through. Other utterances pass.
/// </summary>
public sealed class GatedIntentClassifier : IIntentClassifier
{
    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.Ordinal);

    /// <summary>The classifier that decides once an utterance is through the gate.</summary>
    public IIntentClassifier? Inner { get; set; }

    /// <summary>Holds conversations at <paramref name="utterance"/> from now on.</summary>
    public Gate Hold(string utterance) => gates[utterance] = new Gate();

    public async Task<IntentMatch> ClassifyAsync(string utterance, IReadOnlyList<IntentDefinition> candidates, CancellationToken cancellationToken = default)
    {
        if (gates.TryGetValue(utterance, out var gate))
        {
            gate.Reach();
            await gate.Opened.WaitAsync(cancellationToken);
        }
        var inner = Inner ?? throw new InvalidOperationException("No classifier behind the gate.");
        return await inner.ClassifyAsync(utterance, candidates, cancellationToken);
    }

    /// <summary>One held utterance.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a conversation is waiting at the gate.</summary>
        public Task Reached => reached.Task;

        internal Task Opened => opened.Task;

        /// <summary>Lets waiting (and later) conversations through.</summary>
        public void Open() => opened.TrySetResult();

        internal void Reach() => reached.TrySetResult();
    }
}
