using System.Globalization;
using System.Text;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>
/// Templated summary built only from facts the engine recorded (intents, slots, actions, outcome, sentiment),
/// so it can never state something that did not happen — unlike generated text.
/// </summary>
public static class ConversationSummarizer
{
    /// <summary>Writes the summary.</summary>
    /// <param name="transferTaken">False when the transfer asked for found no human agent to take the call.</param>
    public static string Summarize(
        AgentScript script,
        string outcome,
        string disposition,
        IReadOnlyList<string> intents,
        IReadOnlyDictionary<string, string> slots,
        IReadOnlyList<ConversationAction> actions,
        SentimentScore sentiment,
        TimeSpan duration,
        bool transferTaken = true)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(string.IsNullOrWhiteSpace(script.Name) ? "AI agent" : script.Name)} call, {Math.Round(duration.TotalSeconds)} s: ");
        sb.Append(CultureInfo.InvariantCulture, $"outcome {outcome} (disposition {disposition}).");
        if (intents.Count > 0)
        {
            sb.Append(" Caller said: ").Append(string.Join(", ", intents)).Append('.');
        }
        else
        {
            sb.Append(" No caller intent was recognised.");
        }

        if (slots.Count > 0)
        {
            var values = slots.Select(s => $"{s.Key} = {SlotValueParser.Speakable(script.FindSlot(s.Key), s.Value)}");
            sb.Append(" Collected: ").Append(string.Join("; ", values)).Append('.');
        }

        foreach (var action in actions)
        {
            sb.Append(' ').Append(action.Type switch
            {
                ActionType.Transfer when transferTaken => $"Transferred to a human agent of campaign '{action.Campaign}'.",
                ActionType.Transfer => $"No human agent of campaign '{action.Campaign}' could take the call.",
                ActionType.Callback => string.Create(CultureInfo.InvariantCulture, $"Callback scheduled for {action.CallbackAt:yyyy-MM-dd HH:mm zzz}."),
                ActionType.DoNotCall => "Number added to the do-not-call list.",
                _ => "The agent ended the call.",
            });
        }

        sb.Append(CultureInfo.InvariantCulture, $" Caller sentiment: {sentiment.Label.ToString().ToLowerInvariant()} ({sentiment.Score:0.00}).");
        return sb.ToString();
    }
}
