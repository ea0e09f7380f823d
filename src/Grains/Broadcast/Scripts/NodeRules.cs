namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Per-node checks of <see cref="AgentScriptValidator"/>, by node kind.</summary>
internal static class NodeRules
{
    public static void Check(AgentScript script, ScriptNode node, HashSet<string> nodeIds, List<ScriptIssue> issues)
    {
        var path = $"nodes[{node.Id}]";
        AgentScriptValidator.CheckPromptReference(script, node.Prompt, $"{path}.prompt", issues);
        switch (node.Kind)
        {
            case NodeKind.Say:
                RequirePrompt(node, path, issues);
                RequireTarget(node.Next, $"{path}.next", nodeIds, issues, required: true);
                break;
            case NodeKind.Ask:
                RequirePrompt(node, path, issues);
                CheckAskBranches(script, node, path, nodeIds, issues);
                AgentScriptValidator.CheckRetries(script, node.Retries, $"{path}.retries", nodeIds, issues);
                break;
            case NodeKind.Collect:
                RequirePrompt(node, path, issues);
                CheckCollect(script, node, path, issues);
                RequireTarget(node.Next, $"{path}.next", nodeIds, issues, required: true);
                AgentScriptValidator.CheckRetries(script, node.Retries, $"{path}.retries", nodeIds, issues);
                break;
            case NodeKind.Branch:
                CheckConditions(script, node, path, nodeIds, issues);
                break;
            case NodeKind.Action:
                CheckAction(script, node, path, nodeIds, issues);
                break;
            case NodeKind.End:
                if (node.Next is not null)
                {
                    issues.Add(new($"{path}.next", "End nodes finish the call; 'next' is ignored.", IssueSeverity.Warning));
                }

                break;
            default:
                issues.Add(new($"{path}.kind", $"Unknown node kind '{node.Kind}'."));
                break;
        }
    }

    private static void RequirePrompt(ScriptNode node, string path, List<ScriptIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(node.Prompt))
        {
            issues.Add(new($"{path}.prompt", $"A {node.Kind.ToString().ToLowerInvariant()} node needs a prompt."));
        }
    }

    private static void RequireTarget(string? target, string path, HashSet<string> nodeIds, List<ScriptIssue> issues, bool required)
    {
        if (target is null)
        {
            if (required)
            {
                issues.Add(new(path, "Missing target node."));
            }
        }
        else if (!nodeIds.Contains(target))
        {
            issues.Add(new(path, $"Dangling branch: node '{target}' does not exist."));
        }
    }

    private static void CheckAskBranches(AgentScript script, ScriptNode node, string path, HashSet<string> nodeIds, List<ScriptIssue> issues)
    {
        if (node.Branches.Count == 0)
        {
            issues.Add(new($"{path}.branches", "An ask node needs at least one branch (intent → node)."));
        }

        foreach (var (intent, target) in node.Branches)
        {
            if (script.FindIntent(intent) is null)
            {
                issues.Add(new($"{path}.branches.{intent}", $"Unknown intent '{intent}'."));
            }

            RequireTarget(target, $"{path}.branches.{intent}", nodeIds, issues, required: true);
        }
    }

    private static void CheckCollect(AgentScript script, ScriptNode node, string path, List<ScriptIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(node.Slot))
        {
            issues.Add(new($"{path}.slot", "A collect node must name the slot it fills."));
        }
        else if (script.FindSlot(node.Slot) is null)
        {
            issues.Add(new($"{path}.slot", $"Unknown slot '{node.Slot}'."));
        }
    }

    private static void CheckConditions(AgentScript script, ScriptNode node, string path, HashSet<string> nodeIds, List<ScriptIssue> issues)
    {
        if (node.Conditions.Count == 0)
        {
            issues.Add(new($"{path}.conditions", "A branch node needs at least one condition."));
        }

        for (var i = 0; i < node.Conditions.Count; i++)
        {
            var condition = node.Conditions[i];
            var at = $"{path}.conditions[{i}]";
            if (condition.Slot is null && condition.Intent is null)
            {
                issues.Add(new(at, "A condition must test a slot or an intent."));
            }

            if (condition.Slot is { } slot && script.FindSlot(slot) is null)
            {
                issues.Add(new($"{at}.slot", $"Unknown slot '{slot}'."));
            }

            if (condition.Intent is { } intent && script.FindIntent(intent) is null)
            {
                issues.Add(new($"{at}.intent", $"Unknown intent '{intent}'."));
            }

            if (condition.EqualTo is not null && condition.Slot is null)
            {
                issues.Add(new($"{at}.equalTo", "equalTo needs a slot to compare."));
            }

            RequireTarget(string.IsNullOrEmpty(condition.Goto) ? null : condition.Goto, $"{at}.goto", nodeIds, issues, required: true);
        }

        // Without an else the engine would have nowhere to go when nothing matches.
        RequireTarget(node.Else, $"{path}.else", nodeIds, issues, required: true);
    }

    private static void CheckAction(AgentScript script, ScriptNode node, string path, HashSet<string> nodeIds, List<ScriptIssue> issues)
    {
        if (node.Action is not { } action)
        {
            issues.Add(new($"{path}.action", "An action node needs an action."));
            return;
        }

        switch (action.Type)
        {
            case ActionType.Transfer:
                if (string.IsNullOrWhiteSpace(action.Campaign))
                {
                    issues.Add(new($"{path}.action.campaign", "A transfer needs the campaign whose agents take the call."));
                }

                break;
            case ActionType.Callback:
                CheckCallback(script, action, $"{path}.action", issues);
                break;
        }

        var endsCall = action.Type is ActionType.Transfer or ActionType.Hangup;
        if (endsCall && node.Next is not null)
        {
            issues.Add(new($"{path}.next", $"A {action.Type.ToString().ToLowerInvariant()} ends the call; 'next' is ignored.", IssueSeverity.Warning));
        }
        else if (!endsCall)
        {
            RequireTarget(node.Next, $"{path}.next", nodeIds, issues, required: false);
        }
    }

    private static void CheckCallback(AgentScript script, ActionDefinition action, string path, List<ScriptIssue> issues)
    {
        if (action.DateSlot is null && action.Delay is null)
        {
            issues.Add(new(path, "A callback needs a dateSlot, a delay, or both."));
        }

        if (action.DateSlot is { } slotName)
        {
            var slot = script.FindSlot(slotName);
            if (slot is null)
            {
                issues.Add(new($"{path}.dateSlot", $"Unknown slot '{slotName}'."));
            }
            else if (slot.Type != SlotType.Date)
            {
                issues.Add(new($"{path}.dateSlot", $"Slot '{slotName}' is a {slot.Type} slot, not a date slot."));
            }
        }

        if (action.Delay is { } delay && delay < TimeSpan.Zero)
        {
            issues.Add(new($"{path}.delay", "The callback delay cannot be negative."));
        }

        if (action.TimeOfDay is { } time && (time < TimeSpan.Zero || time >= TimeSpan.FromDays(1)))
        {
            issues.Add(new($"{path}.timeOfDay", "timeOfDay must be between 00:00 and 23:59."));
        }
    }
}
