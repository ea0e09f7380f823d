namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Graph checks over the script's nodes: reachability from the start and loops that never wait.</summary>
internal static class ScriptGraph
{
    /// <summary>The ids a node can move to by itself (not counting global intents and fallbacks).</summary>
    public static IEnumerable<string> Successors(ScriptNode node)
    {
        switch (node.Kind)
        {
            case NodeKind.Say or NodeKind.Collect when node.Next is not null:
                yield return node.Next;
                break;
            case NodeKind.Action when node.Next is not null && node.Action?.Type is not (ActionType.Transfer or ActionType.Hangup):
                yield return node.Next;
                break;
            case NodeKind.Ask:
                foreach (var target in node.Branches.Values)
                {
                    yield return target;
                }

                break;
            case NodeKind.Branch:
                foreach (var condition in node.Conditions)
                {
                    yield return condition.Goto;
                }

                if (node.Else is not null)
                {
                    yield return node.Else;
                }

                break;
        }

        if (node.Kind is NodeKind.Ask or NodeKind.Collect && node.Retries?.Fallback is { } fallback)
        {
            yield return fallback;
        }
    }

    public static void CheckReachability(AgentScript script, List<ScriptIssue> issues)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { script.Start };
        var queue = new Queue<string>([script.Start]);
        var waits = script.Nodes.Any(n => n.Kind is NodeKind.Ask or NodeKind.Collect);
        if (waits)
        {
            // Global intents and the script-wide fallback can fire at any node that waits for the caller.
            foreach (var extra in script.GlobalIntents.Values.Append(script.Retries.Fallback).OfType<string>())
            {
                if (seen.Add(extra))
                {
                    queue.Enqueue(extra);
                }
            }
        }

        while (queue.TryDequeue(out var id))
        {
            if (script.FindNode(id) is not { } node)
            {
                continue;
            }

            foreach (var next in Successors(node).Where(seen.Add))
            {
                queue.Enqueue(next);
            }
        }

        foreach (var node in script.Nodes.Where(n => !string.IsNullOrEmpty(n.Id) && !seen.Contains(n.Id)))
        {
            issues.Add(new($"nodes[{node.Id}]", $"Node '{node.Id}' is unreachable from the start node '{script.Start}'.", IssueSeverity.Warning));
        }
    }

    /// <summary>Say, branch and action nodes run without waiting; a cycle made only of them would spin forever.</summary>
    public static void CheckLoopsWithoutWaiting(AgentScript script, List<ScriptIssue> issues)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in script.Nodes)
        {
            Visit(node, new Stack<string>());
        }

        void Visit(ScriptNode node, Stack<string> path)
        {
            if (node.Kind is NodeKind.Ask or NodeKind.Collect or NodeKind.End || string.IsNullOrEmpty(node.Id))
            {
                return;
            }

            if (state.TryGetValue(node.Id, out var s))
            {
                if (s == 1 && reported.Add(node.Id))
                {
                    var cycle = path.Reverse().SkipWhile(id => id != node.Id).Append(node.Id);
                    issues.Add(new($"nodes[{node.Id}]", $"Loop without waiting for the caller: {string.Join(" → ", cycle)}."));
                }

                return;
            }

            state[node.Id] = 1;
            path.Push(node.Id);
            foreach (var next in Successors(node))
            {
                if (script.FindNode(next) is { } target)
                {
                    Visit(target, path);
                }
            }

            path.Pop();
            state[node.Id] = 2;
        }
    }
}
