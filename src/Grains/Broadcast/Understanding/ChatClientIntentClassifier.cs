using System.Text;
using System.Text.Json;
using ContactCenter.Grains.Broadcast.Scripts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Grains.Broadcast.Understanding;

/// <summary>
/// Intent detection by a chat model (any <see cref="IChatClient"/>): the model sees the candidate intents with their
/// examples and must answer with JSON <c>{"intent": "name" | null, "confidence": 0..1}</c>. Anything else — an unknown
/// name, malformed JSON, a failed or slow request — is a no-match, so a flaky model degrades to retry prompts
/// instead of a wrong branch.
/// </summary>
public sealed partial class ChatClientIntentClassifier : IIntentClassifier
{
    private readonly IChatClient client;
    private readonly ILogger logger;
    private readonly string? goal;
    private readonly TimeSpan timeout;

    /// <param name="client">The chat model.</param>
    /// <param name="goal">The script's goal, given to the model as context.</param>
    /// <param name="timeout">Longest wait for an answer; a caller is waiting on the line. Defaults to 3 seconds.</param>
    /// <param name="logger">Logs failed requests.</param>
    public ChatClientIntentClassifier(IChatClient client, string? goal = null, TimeSpan? timeout = null, ILogger<ChatClientIntentClassifier>? logger = null)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.goal = goal;
        this.timeout = timeout ?? TimeSpan.FromSeconds(3);
        this.logger = logger ?? NullLogger<ChatClientIntentClassifier>.Instance;
    }

    /// <inheritdoc />
    public async Task<IntentMatch> ClassifyAsync(string utterance, IReadOnlyList<IntentDefinition> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (string.IsNullOrWhiteSpace(utterance) || candidates.Count == 0)
        {
            return IntentMatch.None();
        }

        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, BuildInstructions(candidates)),
            new(ChatRole.User, utterance.Trim()),
        };
        var options = new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string text;
        try
        {
            var response = await client.GetResponseAsync(messages, options, deadline.Token).ConfigureAwait(false);
            text = response.Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ModelTimedOut(logger, timeout.TotalMilliseconds);
            return IntentMatch.None(0, "model timed out");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ModelFailed(logger, ex);
            return IntentMatch.None(0, "model request failed");
        }

        return Interpret(text, candidates);
    }

    private IntentMatch Interpret(string text, IReadOnlyList<IntentDefinition> candidates)
    {
        var json = ExtractJsonObject(text);
        if (json is null)
        {
            Log.UnreadableAnswer(logger, text);
            return IntentMatch.None(0, "unreadable model answer");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var name = root.TryGetProperty("intent", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? Math.Clamp(c.GetDouble(), 0, 1) : 0.5;
            var intent = candidates.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
            if (intent is null)
            {
                return IntentMatch.None(confidence, name is null ? "model found no intent" : $"model named unknown intent '{name}'");
            }

            return new IntentMatch(intent.Name, confidence, "chat model");
        }
        catch (JsonException)
        {
            Log.UnreadableAnswer(logger, text);
            return IntentMatch.None(0, "unreadable model answer");
        }
    }

    // Models sometimes wrap JSON in prose or code fences; take the outermost object.
    private static string? ExtractJsonObject(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        return start >= 0 && end > start ? text[start..(end + 1)] : null;
    }

    private string BuildInstructions(IReadOnlyList<IntentDefinition> candidates)
    {
        var sb = new StringBuilder();
        sb.AppendLine("You classify what a person said on a phone call into one of the intents below.");
        if (!string.IsNullOrWhiteSpace(goal))
        {
            sb.Append("The call is about: ").AppendLine(goal);
        }

        sb.AppendLine("Intents, each with example utterances:");
        foreach (var intent in candidates)
        {
            sb.Append("- ").Append(intent.Name).Append(": ");
            sb.AppendLine(string.Join(" | ", intent.Examples.Select(e => $"\"{e}\"")));
        }

        sb.AppendLine("Answer with JSON only: {\"intent\": \"<intent name>\", \"confidence\": <0 to 1>}.");
        sb.AppendLine("If the words fit none of the intents, answer {\"intent\": null, \"confidence\": 0}.");
        return sb.ToString();
    }
}
