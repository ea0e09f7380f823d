namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>
/// An AI voice agent definition: what the agent says, what it listens for and where each answer leads.
/// Loaded from JSON or YAML with <see cref="AgentScriptParser"/> and checked with <see cref="AgentScriptValidator"/>.
/// </summary>
public sealed record AgentScript
{
    /// <summary>The schema version this script was written for; see <see cref="AgentScriptParser.SupportedVersion"/>.</summary>
    public int Version { get; init; }

    /// <summary>A human name for the script, shown in reports.</summary>
    public string Name { get; init; } = "";

    /// <summary>What the call is for, in one sentence; used in summaries and given to LLM classifiers as context.</summary>
    public string? Goal { get; init; }

    /// <summary>The first thing the agent says once a person answers.</summary>
    public string Greeting { get; init; } = "";

    /// <summary>Id of the node the conversation starts at, right after the greeting.</summary>
    public string Start { get; init; } = "";

    /// <summary>Named prompts; a node prompt of the form <c>@name</c> refers to one of these.</summary>
    public IReadOnlyDictionary<string, string> Prompts { get; init; } = new Dictionary<string, string>();

    /// <summary>The conversation graph.</summary>
    public IReadOnlyList<ScriptNode> Nodes { get; init; } = [];

    /// <summary>What the caller may mean, with example utterances and DTMF keys.</summary>
    public IReadOnlyList<IntentDefinition> Intents { get; init; } = [];

    /// <summary>Values the agent collects.</summary>
    public IReadOnlyList<SlotDefinition> Slots { get; init; } = [];

    /// <summary>
    /// Intents honoured at every ask or collect node (intent name → node id), so that
    /// "stop calling me" or "let me talk to a person" works wherever the caller says it.
    /// </summary>
    public IReadOnlyDictionary<string, string> GlobalIntents { get; init; } = new Dictionary<string, string>();

    /// <summary>Default no-input / no-match handling; nodes may override parts of it.</summary>
    public RetryPolicy Retries { get; init; } = new();

    /// <summary>Named closing lines; an end node's <see cref="ScriptNode.Closing"/> may refer to one.</summary>
    public IReadOnlyDictionary<string, string> Closings { get; init; } = new Dictionary<string, string>();

    /// <summary>What to do when the call reaches an answering machine.</summary>
    public VoicemailPolicy Voicemail { get; init; } = new();

    /// <summary>Conversation outcome → campaign disposition code.</summary>
    public IReadOnlyDictionary<string, string> Dispositions { get; init; } = new Dictionary<string, string>();

    /// <summary>Finds a node by id, or null.</summary>
    public ScriptNode? FindNode(string? id) =>
        id is null ? null : Nodes.FirstOrDefault(n => string.Equals(n.Id, id, StringComparison.Ordinal));

    /// <summary>Finds an intent by name (case-insensitive), or null.</summary>
    public IntentDefinition? FindIntent(string? name) =>
        name is null ? null : Intents.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a slot by name (case-insensitive), or null.</summary>
    public SlotDefinition? FindSlot(string? name) =>
        name is null ? null : Slots.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves <c>@name</c> references to <see cref="Prompts"/>; other text is returned as is.</summary>
    public string? ResolvePrompt(string? prompt)
    {
        if (prompt is null || !prompt.StartsWith('@'))
        {
            return prompt;
        }

        return Prompts.TryGetValue(prompt[1..], out var text) ? text : null;
    }
}
