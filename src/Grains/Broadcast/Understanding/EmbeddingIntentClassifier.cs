using System.Collections.Concurrent;
using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// Nearest-example intent detection: the utterance and every example are embedded, and the intent of the example
/// with the highest cosine similarity wins, unless that similarity is below the no-match threshold. Taking the
/// nearest example rather than an intent centroid lets one intent hold very different phrasings ("no" and
/// "I'm not interested") without averaging them into a point that is near neither.
/// </summary>
public sealed class EmbeddingIntentClassifier : IIntentClassifier
{
    private readonly ISentenceEmbedder embedder;
    private readonly EmbeddingClassifierOptions options;
    private readonly ConcurrentDictionary<string, float[]> exampleVectors = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public EmbeddingIntentClassifier(ISentenceEmbedder embedder, EmbeddingClassifierOptions? options = null)
    {
        this.embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        this.options = options ?? new EmbeddingClassifierOptions();
        var problems = this.options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
    }

    /// <inheritdoc />
    public Task<IntentMatch> ClassifyAsync(string utterance, IReadOnlyList<IntentDefinition> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var text = Normalise(utterance);
        if (text.Length == 0 || candidates.Count == 0)
        {
            return Task.FromResult(IntentMatch.None());
        }

        EnsureExamples(candidates, cancellationToken);
        var query = embedder.Embed([text], cancellationToken)[0];
        string? bestIntent = null;
        string? bestExample = null;
        var best = double.MinValue;
        foreach (var intent in candidates)
        {
            foreach (var example in intent.Examples)
            {
                if (!exampleVectors.TryGetValue(Normalise(example), out var vector))
                {
                    continue;
                }

                var score = Dot(query, vector);
                if (score > best)
                {
                    (best, bestIntent, bestExample) = (score, intent.Name, example);
                }
            }
        }

        var match = bestIntent is null || best < options.NoMatchThreshold
            ? IntentMatch.None(Math.Max(best, 0), bestExample)
            : new IntentMatch(bestIntent, Math.Round(best, 4), bestExample);
        return Task.FromResult(match);
    }

    private void EnsureExamples(IReadOnlyList<IntentDefinition> candidates, CancellationToken cancellationToken)
    {
        var missing = candidates.SelectMany(i => i.Examples).Select(Normalise)
            .Where(e => e.Length > 0 && !exampleVectors.ContainsKey(e)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (exampleVectors.Count + missing.Count > options.MaxCachedExamples)
        {
            exampleVectors.Clear();
            missing = candidates.SelectMany(i => i.Examples).Select(Normalise).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        }

        var vectors = embedder.Embed(missing, cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            exampleVectors[missing[i]] = vectors[i];
        }
    }

    // Recognisers give lower case without punctuation; typing examples with them must not change their vectors.
    private static string Normalise(string? text) =>
        string.Join(' ', (text ?? "").ToLowerInvariant().Split([' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries));

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
