using System.Globalization;
using System.Text.RegularExpressions;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>Node execution: walks the graph from a node until it must wait for the caller or the call ends.</summary>
public sealed partial class ConversationSession
{
    private void Run(string? nodeId, List<AgentDirective> directives)
    {
        waiting = null;
        for (var step = 0; step < MaxStepsPerTurn; step++)
        {
            if (script.FindNode(nodeId) is not { } node)
            {
                Log.MissingNode(logger, nodeId);
                Complete(ConversationOutcomes.ScriptError, directives, hangUp: true);
                return;
            }

            switch (node.Kind)
            {
                case NodeKind.Say:
                    Speak(Render(script.ResolvePrompt(node.Prompt)), directives, node.Id);
                    nodeId = node.Next;
                    break;
                case NodeKind.Ask or NodeKind.Collect:
                    Speak(Render(script.ResolvePrompt(node.Prompt)), directives, node.Id);
                    waiting = node;
                    noInputCount = 0;
                    noMatchCount = 0;
                    return;
                case NodeKind.Branch:
                    nodeId = node.Conditions.FirstOrDefault(Holds)?.Goto ?? node.Else;
                    break;
                case NodeKind.Action:
                    if (!Perform(node, directives))
                    {
                        return;
                    }

                    nodeId = node.Next;
                    break;
                default:
                    var closing = node.Closing is { } key && script.Closings.TryGetValue(key, out var line) ? line : node.Closing;
                    Speak(Render(closing), directives, node.Id);
                    Complete(node.Outcome ?? pendingOutcome ?? ConversationOutcomes.Completed, directives, hangUp: true);
                    return;
            }
        }

        Log.LoopDetected(logger, nodeId);
        Complete(ConversationOutcomes.ScriptError, directives, hangUp: true);
    }

    private bool Holds(BranchCondition condition)
    {
        if (condition.Intent is not null && !string.Equals(condition.Intent, lastIntent, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (condition.Slot is null)
        {
            return true;
        }

        return slots.TryGetValue(condition.Slot, out var value)
            && (condition.EqualTo is null || string.Equals(condition.EqualTo, value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Runs an action; false when it ended the call.</summary>
    private bool Perform(ScriptNode node, List<AgentDirective> directives)
    {
        var action = node.Action!;
        var now = time.GetUtcNow();
        var result = action.Outcome ?? ConversationOutcomes.ForAction(action.Type);
        switch (action.Type)
        {
            case ActionType.Transfer:
                actions.Add(new ConversationAction(ActionType.Transfer, now, Campaign: action.Campaign));
                Record(Speaker.System, $"transfer to campaign {action.Campaign}", node.Id);
                directives.Add(new AgentDirective(DirectiveKind.Transfer, Campaign: action.Campaign));
                Complete(result, directives, hangUp: false);
                return false;
            case ActionType.Callback:
                var at = CallbackTime(action, now);
                actions.Add(new ConversationAction(ActionType.Callback, now, CallbackAt: at));
                Record(Speaker.System, string.Create(CultureInfo.InvariantCulture, $"callback scheduled for {at:O}"), node.Id);
                directives.Add(new AgentDirective(DirectiveKind.ScheduleCallback, At: at));
                break;
            case ActionType.DoNotCall:
                actions.Add(new ConversationAction(ActionType.DoNotCall, now));
                Record(Speaker.System, "number added to do-not-call list", node.Id);
                directives.Add(new AgentDirective(DirectiveKind.AddToDoNotCall));
                break;
            default:
                actions.Add(new ConversationAction(ActionType.Hangup, now));
                Complete(result, directives, hangUp: true);
                return false;
        }

        pendingOutcome = result;
        if (node.Next is null)
        {
            Complete(result, directives, hangUp: true);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The day from the date slot at the action's time of day (10:00 by default), both in the caller's zone. A moment
    /// already past ("today" said in the afternoon) becomes one hour from now, never a callback in the past. Without a
    /// filled slot: now plus the delay (a day by default); with a time of day, or a date slot left unfilled, the delay
    /// picks the caller's day and the callback is that day's time of day, or the next such time still to come.
    /// </summary>
    private DateTimeOffset CallbackTime(ActionDefinition action, DateTimeOffset now)
    {
        var timeOfDay = action.TimeOfDay ?? TimeSpan.FromHours(10);
        if (action.DateSlot is not null && slots.TryGetValue(action.DateSlot, out var value)
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var named))
        {
            var at = CallerClock.At(named, timeOfDay, callerZone);
            return at <= now ? now.AddHours(1) : at;
        }

        var later = now + (action.Delay ?? TimeSpan.FromDays(1));
        if (action.TimeOfDay is null && action.DateSlot is null)
        {
            return later;
        }

        var day = CallerClock.Today(later, callerZone);
        var next = CallerClock.At(day, timeOfDay, callerZone);
        while (next <= now)
        {
            day = day.AddDays(1);
            next = CallerClock.At(day, timeOfDay, callerZone);
        }

        return next;
    }

    private void Complete(string result, List<AgentDirective> directives, bool hangUp)
    {
        waiting = null;
        outcome = result;
        endedAt = time.GetUtcNow();
        Record(Speaker.System, $"conversation ended: {result}");
        if (hangUp)
        {
            directives.Add(new AgentDirective(DirectiveKind.HangUp));
        }
    }

    private void Speak(string? text, List<AgentDirective> directives, string? nodeId = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        directives.Add(AgentDirective.Speak(text));
        Record(Speaker.Agent, text, nodeId);
    }

    private void Record(Speaker speaker, string text, string? nodeId = null, SentimentScore? sentiment = null) =>
        transcript.Add(new TranscriptEntry(time.GetUtcNow(), speaker, text, nodeId, Sentiment: sentiment));

    /// <summary>Replaces {slot} with the slot's speakable value; unknown or empty slots are left out.</summary>
    private string? Render(string? prompt) => prompt is null ? null : SlotReference().Replace(prompt, m =>
        slots.TryGetValue(m.Groups[1].Value, out var value) ? SlotValueParser.Speakable(script.FindSlot(m.Groups[1].Value), value) : "");

    [GeneratedRegex(@"\{([A-Za-z0-9_-]+)\}")]
    private static partial Regex SlotReference();
}
