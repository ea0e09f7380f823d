using System.Text.RegularExpressions;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>
/// One AI-agent conversation: a deterministic state machine over an <see cref="AgentScript"/>. Feed it caller inputs
/// (<see cref="HandleAsync"/>) and carry out the directives it returns; when it completes, <see cref="GetResult"/> gives
/// the outcome, disposition, actions, summary, sentiment and transcript. Not thread-safe: one call, one session,
/// inputs in order (the grain that owns the call serialises them).
/// </summary>
public sealed partial class ConversationSession
{
    /// <summary>Transitions allowed without waiting for the caller; the validator rejects such loops, this guards the rest.</summary>
    private const int MaxStepsPerTurn = 64;
    private const int DefaultRetries = 2;
    private const string DefaultNoInputPrompt = "Sorry, I didn't hear anything.";
    private const string DefaultNoMatchPrompt = "Sorry, I didn't understand that.";

    private readonly AgentScript script;
    private readonly IIntentClassifier classifier;
    private readonly ISentimentAnalyzer sentiment;
    private readonly TimeProvider time;
    private readonly TimeZoneInfo callerZone;
    private readonly ILogger logger;
    private readonly List<TranscriptEntry> transcript = [];
    private readonly List<ConversationAction> actions = [];
    private readonly List<string> intents = [];
    private readonly Dictionary<string, string> slots = new(StringComparer.OrdinalIgnoreCase);
    private ScriptNode? waiting;
    private int noInputCount;
    private int noMatchCount;
    private string? lastIntent;
    private string? pendingOutcome;
    private string? outcome;
    private DateTimeOffset startedAt;
    private DateTimeOffset endedAt;

    /// <param name="callerZone">
    /// The time zone of the person called: days they name ("tomorrow") and callback times are theirs. Defaults to the
    /// local zone of <paramref name="time"/>.
    /// </param>
    /// <exception cref="ArgumentException">The script has validation errors; the message lists them.</exception>
    public ConversationSession(AgentScript script, IIntentClassifier classifier, ISentimentAnalyzer sentiment, TimeProvider time, ILogger<ConversationSession>? logger = null,
        TimeZoneInfo? callerZone = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        var errors = AgentScriptValidator.Validate(script).Where(i => i.Severity == IssueSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The script cannot run: {string.Join("; ", errors)}", nameof(script));
        }

        this.script = script;
        this.classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        this.sentiment = sentiment ?? throw new ArgumentNullException(nameof(sentiment));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.callerZone = callerZone ?? time.LocalTimeZone;
        this.logger = logger ?? NullLogger<ConversationSession>.Instance;
    }

    /// <summary>True once the session has started.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>True once the conversation is over.</summary>
    public bool IsComplete => outcome is not null;

    /// <summary>The node waiting for the caller, or null.</summary>
    public string? WaitingAt => waiting?.Id;

    /// <summary>A person answered: greet and run to the first question.</summary>
    public Task<AgentTurn> StartAsync(CancellationToken cancellationToken = default)
    {
        var directives = BeginTurn();
        Speak(script.Greeting, directives);
        Run(script.Start, directives);
        return Task.FromResult(EndTurn(directives));
    }

    /// <summary>An answering machine picked up: leave the script's message or hang up.</summary>
    public AgentTurn StartVoicemail()
    {
        var directives = BeginTurn();
        Record(Speaker.System, "answering machine detected");
        if (script.Voicemail.Action == VoicemailAction.LeaveMessage && script.Voicemail.Message is { } message)
        {
            Speak(message, directives);
        }

        Complete(ConversationOutcomes.Voicemail, directives, hangUp: true);
        return EndTurn(directives);
    }

    /// <summary>Reacts to one caller input.</summary>
    /// <exception cref="InvalidOperationException">The session has not started.</exception>
    public async Task<AgentTurn> HandleAsync(CallerInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsStarted)
        {
            throw new InvalidOperationException("Call StartAsync or StartVoicemail before feeding caller input.");
        }

        var directives = new List<AgentDirective>();
        if (IsComplete || waiting is null)
        {
            Log.InputAfterEnd(logger, input.Kind);
            return EndTurn(directives);
        }

        switch (input.Kind)
        {
            case CallerInputKind.HangUp:
                Record(Speaker.System, "caller hung up", waiting.Id);
                Complete(pendingOutcome ?? ConversationOutcomes.CallerHungUp, directives, hangUp: false);
                break;
            case CallerInputKind.BargeIn:
                if (waiting.BargeIn)
                {
                    Record(Speaker.System, "barge-in: prompt stopped", waiting.Id);
                    directives.Add(new AgentDirective(DirectiveKind.StopPlayback));
                }

                break;
            case CallerInputKind.Utterance when !string.IsNullOrWhiteSpace(input.Text):
                await OnAnswerAsync(input.Text.Trim(), dtmf: null, directives, cancellationToken);
                break;
            case CallerInputKind.Utterance:
                // The caller spoke but the recogniser found no words: they did answer, we did not understand.
                Record(Speaker.System, "unrecognised speech", waiting.Id);
                OnNoMatch(directives);
                break;
            case CallerInputKind.Dtmf when !string.IsNullOrWhiteSpace(input.Digits) && DtmfPattern().IsMatch(input.Digits.Trim()):
                await OnAnswerAsync(null, input.Digits.Trim(), directives, cancellationToken);
                break;
            case CallerInputKind.Dtmf:
                Record(Speaker.System, $"ignored invalid DTMF '{input.Digits}'", waiting.Id);
                OnNoMatch(directives);
                break;
            default:
                Record(Speaker.System, "no input", waiting.Id);
                OnNoInput(directives);
                break;
        }

        return EndTurn(directives);
    }

    /// <summary>The result of the finished conversation.</summary>
    /// <exception cref="InvalidOperationException">The conversation is still running.</exception>
    public ConversationResult GetResult()
    {
        if (outcome is null)
        {
            throw new InvalidOperationException("The conversation has not finished yet.");
        }

        var disposition = script.Dispositions.TryGetValue(outcome, out var code) ? code : outcome;
        var callSentiment = SentimentScore.Aggregate(transcript.Where(t => t.Sentiment is not null).Select(t => t.Sentiment!));
        var summary = ConversationSummarizer.Summarize(script, outcome, disposition, intents, slots, actions, callSentiment, endedAt - startedAt);
        return new ConversationResult
        {
            Outcome = outcome,
            Disposition = disposition,
            Actions = actions.ToList(),
            Slots = new Dictionary<string, string>(slots, StringComparer.OrdinalIgnoreCase),
            Intents = intents.ToList(),
            Summary = summary,
            Sentiment = callSentiment,
            Transcript = transcript.ToList(),
            StartedAt = startedAt,
            EndedAt = endedAt,
        };
    }

    private List<AgentDirective> BeginTurn()
    {
        if (IsStarted)
        {
            throw new InvalidOperationException("The session has already started.");
        }

        IsStarted = true;
        startedAt = time.GetUtcNow();
        return [];
    }

    private AgentTurn EndTurn(List<AgentDirective> directives) => new(directives, IsComplete, waiting?.Id);

    private async Task OnAnswerAsync(string? text, string? dtmf, List<AgentDirective> directives, CancellationToken cancellationToken)
    {
        var node = waiting!;
        var score = text is null ? null : sentiment.Analyze(text);
        Record(Speaker.Caller, text ?? $"[DTMF {dtmf}]", node.Id, sentiment: score);
        if (node.Kind == NodeKind.Collect && script.FindSlot(node.Slot) is { } slot)
        {
            var value = text is null
                ? SlotValueParser.FromDtmf(slot, dtmf!)
                : SlotValueParser.FromSpeech(slot, text, CallerClock.Today(time.GetUtcNow(), callerZone));
            if (value is not null)
            {
                slots[slot.Name] = value;
                Annotate($"slot {slot.Name} = {value}", 1);
                Run(node.Next, directives);
                return;
            }
        }

        var candidates = Candidates(node);
        var match = await ClassifyAsync(text, dtmf, candidates, cancellationToken);
        if (!match.IsMatch)
        {
            Annotate(null, match.Confidence);
            OnNoMatch(directives);
            return;
        }

        var branches = node.Kind == NodeKind.Ask ? node.Branches : new Dictionary<string, string>();
        var target = Lookup(branches, match.Intent!) ?? Lookup(script.GlobalIntents, match.Intent!);
        if (target is null)
        {
            // A classifier answered with an intent that was not offered; do not guess where it leads.
            Annotate(null, match.Confidence);
            OnNoMatch(directives);
            return;
        }

        lastIntent = match.Intent;
        intents.Add(match.Intent!);
        Annotate(match.Intent, match.Confidence);
        Run(target, directives);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string> map, string intent) =>
        map.FirstOrDefault(e => string.Equals(e.Key, intent, StringComparison.OrdinalIgnoreCase)).Value;

    private List<IntentDefinition> Candidates(ScriptNode node)
    {
        var names = new HashSet<string>(script.GlobalIntents.Keys, StringComparer.OrdinalIgnoreCase);
        if (node.Kind == NodeKind.Ask)
        {
            names.UnionWith(node.Branches.Keys);
        }

        return script.Intents.Where(i => names.Contains(i.Name)).ToList();
    }

    private async Task<IntentMatch> ClassifyAsync(string? text, string? dtmf, List<IntentDefinition> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return IntentMatch.None();
        }

        if (dtmf is not null)
        {
            return DtmfIntentMap.Match(dtmf, candidates);
        }

        try
        {
            return await classifier.ClassifyAsync(text!, candidates, cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped mid-classification (the far end hung up): the classifier's own way of stopping (ONNX's terminate
            // flag) is a cancellation, not a failure.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A broken classifier must not drop the call: treat it as not understood and let retries run.
            Log.ClassifierFailed(logger, ex, waiting?.Id);
            return IntentMatch.None();
        }
    }

    private void OnNoInput(List<AgentDirective> directives)
    {
        noInputCount++;
        var max = waiting!.Retries?.MaxNoInput ?? script.Retries.MaxNoInput ?? DefaultRetries;
        var prompt = waiting.Retries?.NoInputPrompt ?? script.Retries.NoInputPrompt ?? DefaultNoInputPrompt;
        Retry(noInputCount, max, prompt, directives);
    }

    private void OnNoMatch(List<AgentDirective> directives)
    {
        noMatchCount++;
        var max = waiting!.Retries?.MaxNoMatch ?? script.Retries.MaxNoMatch ?? DefaultRetries;
        var prompt = waiting.Retries?.NoMatchPrompt ?? script.Retries.NoMatchPrompt ?? DefaultNoMatchPrompt;
        Retry(noMatchCount, max, prompt, directives);
    }

    private void Retry(int count, int max, string prompt, List<AgentDirective> directives)
    {
        var node = waiting!;
        if (count <= max)
        {
            Speak(script.ResolvePrompt(prompt) ?? prompt, directives, node.Id);
            Speak(Render(script.ResolvePrompt(node.Prompt)), directives, node.Id);
            return;
        }

        Record(Speaker.System, $"retries exhausted at {node.Id}", node.Id);
        var fallback = node.Retries?.Fallback ?? script.Retries.Fallback;
        if (fallback is not null)
        {
            Run(fallback, directives);
        }
        else
        {
            Complete(ConversationOutcomes.NoResponse, directives, hangUp: true);
        }
    }

    private void Annotate(string? intent, double confidence)
    {
        var last = transcript[^1];
        transcript[^1] = last with { Intent = intent, Confidence = Math.Round(confidence, 4) };
    }

    [GeneratedRegex(@"^[0-9*#]{1,32}$")]
    private static partial Regex DtmfPattern();
}
