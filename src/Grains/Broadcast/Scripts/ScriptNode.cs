namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>One step of the conversation graph. Which members matter depends on <see cref="Kind"/>.</summary>
public sealed record ScriptNode
{
    /// <summary>Unique id, referenced by <c>next</c>, branches and fallbacks.</summary>
    public string Id { get; init; } = "";

    /// <summary>What the node does.</summary>
    public NodeKind Kind { get; init; }

    /// <summary>Text to speak (say, ask, collect); <c>@name</c> refers to <see cref="AgentScript.Prompts"/>; <c>{slot}</c> is replaced by a collected value.</summary>
    public string? Prompt { get; init; }

    /// <summary>Node to go to afterwards (say, collect, action).</summary>
    public string? Next { get; init; }

    /// <summary>Ask nodes: intent name → node id.</summary>
    public IReadOnlyDictionary<string, string> Branches { get; init; } = new Dictionary<string, string>();

    /// <summary>Collect nodes: the slot to fill.</summary>
    public string? Slot { get; init; }

    /// <summary>Branch nodes: conditions tried in order; the first that holds decides.</summary>
    public IReadOnlyList<BranchCondition> Conditions { get; init; } = [];

    /// <summary>Branch nodes: node to go to when no condition holds.</summary>
    public string? Else { get; init; }

    /// <summary>Action nodes: what to do.</summary>
    public ActionDefinition? Action { get; init; }

    /// <summary>Ask and collect nodes: overrides of the script's <see cref="AgentScript.Retries"/>.</summary>
    public RetryPolicy? Retries { get; init; }

    /// <summary>End nodes: the outcome recorded for the call (mapped to a disposition).</summary>
    public string? Outcome { get; init; }

    /// <summary>End nodes: the last words, either a key of <see cref="AgentScript.Closings"/> or literal text.</summary>
    public string? Closing { get; init; }

    /// <summary>Whether the caller may interrupt this node's prompt by speaking (barge-in).</summary>
    public bool BargeIn { get; init; } = true;
}
