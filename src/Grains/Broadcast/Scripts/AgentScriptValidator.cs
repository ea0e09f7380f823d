namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>
/// Checks an agent script before it is used: references resolve, every node is reachable, retries are sane.
/// Returns every problem at once, each with a path, so an author can fix a script in one pass.
/// </summary>
public static class AgentScriptValidator
{
    private const string DtmfKeys = "0123456789*#";

    /// <summary>All problems of the script; empty when it is fine.</summary>
    public static IReadOnlyList<ScriptIssue> Validate(AgentScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var issues = new List<ScriptIssue>();
        CheckHeader(script, issues);
        CheckIntents(script, issues);
        CheckSlots(script, issues);
        var nodeIds = CheckNodeIds(script, issues);
        foreach (var node in script.Nodes)
        {
            NodeRules.Check(script, node, nodeIds, issues);
        }

        CheckRetries(script, script.Retries, "retries", nodeIds, issues);
        CheckGlobalIntents(script, nodeIds, issues);
        if (!string.IsNullOrEmpty(script.Start) && nodeIds.Contains(script.Start))
        {
            ScriptGraph.CheckReachability(script, issues);
            ScriptGraph.CheckLoopsWithoutWaiting(script, issues);
        }

        CheckDispositions(script, issues);
        return issues;
    }

    /// <summary>True when <see cref="Validate"/> finds no errors (warnings allowed).</summary>
    public static bool IsRunnable(AgentScript script) => Validate(script).All(i => i.Severity != IssueSeverity.Error);

    internal static void CheckRetries(AgentScript script, RetryPolicy? retries, string path, HashSet<string> nodeIds, List<ScriptIssue> issues)
    {
        if (retries is null)
        {
            return;
        }

        CheckRange(retries.MaxNoInput, $"{path}.maxNoInput", issues);
        CheckRange(retries.MaxNoMatch, $"{path}.maxNoMatch", issues);
        if (retries.Fallback is { } fallback && !nodeIds.Contains(fallback))
        {
            issues.Add(new($"{path}.fallback", $"Fallback node '{fallback}' does not exist."));
        }

        CheckPromptReference(script, retries.NoInputPrompt, $"{path}.noInputPrompt", issues);
        CheckPromptReference(script, retries.NoMatchPrompt, $"{path}.noMatchPrompt", issues);
    }

    internal static void CheckPromptReference(AgentScript script, string? prompt, string path, List<ScriptIssue> issues)
    {
        if (prompt is not null && prompt.StartsWith('@') && script.ResolvePrompt(prompt) is null)
        {
            issues.Add(new(path, $"Prompt '{prompt[1..]}' is not defined under prompts."));
        }
    }

    private static void CheckRange(int? value, string path, List<ScriptIssue> issues)
    {
        if (value is { } v && (v < 0 || v > RetryPolicy.MaxRetries))
        {
            issues.Add(new(path, $"Retries must be between 0 and {RetryPolicy.MaxRetries}; got {v}."));
        }
    }

    private static void CheckHeader(AgentScript script, List<ScriptIssue> issues)
    {
        if (script.Version <= 0)
        {
            issues.Add(new("version", $"The version field is required; this build reads version {AgentScriptParser.SupportedVersion}."));
        }
        else if (script.Version > AgentScriptParser.SupportedVersion)
        {
            issues.Add(new("version", $"Version {script.Version} is newer than the supported version {AgentScriptParser.SupportedVersion}."));
        }

        if (string.IsNullOrWhiteSpace(script.Name))
        {
            issues.Add(new("name", "The script has no name.", IssueSeverity.Warning));
        }

        if (string.IsNullOrWhiteSpace(script.Greeting))
        {
            issues.Add(new("greeting", "The greeting is empty; the caller would hear nothing when answering."));
        }

        if (string.IsNullOrWhiteSpace(script.Start))
        {
            issues.Add(new("start", "Missing start node: set 'start' to the id of the first node."));
        }
        else if (script.FindNode(script.Start) is null)
        {
            issues.Add(new("start", $"Start node '{script.Start}' does not exist."));
        }

        if (script.Voicemail.Action == VoicemailAction.LeaveMessage && string.IsNullOrWhiteSpace(script.Voicemail.Message))
        {
            issues.Add(new("voicemail.message", "Voicemail action is leaveMessage but no message is given."));
        }
    }

    private static void CheckIntents(AgentScript script, List<ScriptIssue> issues)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < script.Intents.Count; i++)
        {
            var intent = script.Intents[i];
            var path = string.IsNullOrWhiteSpace(intent.Name) ? $"intents[{i}]" : $"intents[{intent.Name}]";
            if (string.IsNullOrWhiteSpace(intent.Name))
            {
                issues.Add(new(path, "Intent has no name."));
            }
            else if (!names.Add(intent.Name))
            {
                issues.Add(new(path, $"Intent '{intent.Name}' is defined twice."));
            }

            if (intent.Examples.Count == 0 && intent.Dtmf is null)
            {
                issues.Add(new(path, "Intent has neither examples nor a DTMF key, so it can never be recognised."));
            }

            for (var e = 0; e < intent.Examples.Count; e++)
            {
                if (string.IsNullOrWhiteSpace(intent.Examples[e]))
                {
                    issues.Add(new($"{path}.examples[{e}]", "Example utterance is empty."));
                }
            }

            if (intent.Dtmf is { } key)
            {
                if (key.Length != 1 || !DtmfKeys.Contains(key[0]))
                {
                    issues.Add(new($"{path}.dtmf", $"DTMF key must be one of 0-9, * or #; got '{key}'."));
                }
                else if (!keys.TryAdd(key, intent.Name))
                {
                    issues.Add(new($"{path}.dtmf", $"DTMF key '{key}' is already used by intent '{keys[key]}'."));
                }
            }
        }
    }

    private static void CheckSlots(AgentScript script, List<ScriptIssue> issues)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < script.Slots.Count; i++)
        {
            var slot = script.Slots[i];
            var path = string.IsNullOrWhiteSpace(slot.Name) ? $"slots[{i}]" : $"slots[{slot.Name}]";
            if (string.IsNullOrWhiteSpace(slot.Name))
            {
                issues.Add(new(path, "Slot has no name."));
            }
            else if (!names.Add(slot.Name))
            {
                issues.Add(new(path, $"Slot '{slot.Name}' is defined twice."));
            }

            if ((slot.Min is not null || slot.Max is not null) && slot.Type != SlotType.Number)
            {
                issues.Add(new(path, "min and max apply to number slots only.", IssueSeverity.Warning));
            }

            if (slot.Min is { } min && slot.Max is { } max && min > max)
            {
                issues.Add(new(path, $"min ({min}) is greater than max ({max})."));
            }
        }
    }

    private static HashSet<string> CheckNodeIds(AgentScript script, List<ScriptIssue> issues)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < script.Nodes.Count; i++)
        {
            var id = script.Nodes[i].Id;
            if (string.IsNullOrWhiteSpace(id))
            {
                issues.Add(new($"nodes[{i}]", "Node has no id."));
            }
            else if (!ids.Add(id))
            {
                issues.Add(new($"nodes[{id}]", $"Node id '{id}' is used twice."));
            }
        }

        if (script.Nodes.Count == 0)
        {
            issues.Add(new("nodes", "The script has no nodes."));
        }

        return ids;
    }

    private static void CheckGlobalIntents(AgentScript script, HashSet<string> nodeIds, List<ScriptIssue> issues)
    {
        foreach (var (intent, target) in script.GlobalIntents)
        {
            if (script.FindIntent(intent) is null)
            {
                issues.Add(new($"globalIntents.{intent}", $"Unknown intent '{intent}'."));
            }

            if (!nodeIds.Contains(target))
            {
                issues.Add(new($"globalIntents.{intent}", $"Dangling branch: node '{target}' does not exist."));
            }
        }
    }

    private static void CheckDispositions(AgentScript script, List<ScriptIssue> issues)
    {
        var outcomes = new SortedSet<string>(ConversationOutcomes.Engine, StringComparer.Ordinal);
        foreach (var node in script.Nodes)
        {
            if (node.Kind == NodeKind.End && node.Outcome is { } outcome)
            {
                outcomes.Add(outcome);
            }
            else if (node.Kind == NodeKind.Action && node.Action is { } action)
            {
                outcomes.Add(action.Outcome ?? ConversationOutcomes.ForAction(action.Type));
            }
        }

        foreach (var outcome in outcomes.Where(o => !script.Dispositions.ContainsKey(o)))
        {
            issues.Add(new("dispositions", $"Outcome '{outcome}' has no disposition; the outcome name will be used as the disposition.", IssueSeverity.Warning));
        }

        foreach (var (outcome, disposition) in script.Dispositions)
        {
            if (string.IsNullOrWhiteSpace(disposition))
            {
                issues.Add(new($"dispositions.{outcome}", "Disposition code is empty."));
            }
        }
    }
}
