using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Dispositions;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// Turns a conversation's result into the campaign disposition applied to the lead. The script's code is looked up in
/// the campaign's dispositions; what the conversation did wins over the code's flags (a do-not-call action always puts
/// the number on the list, a callback action always schedules the callback it agreed).
/// </summary>
public static class BroadcastDispositions
{
    /// <summary>Engine outcomes after which the person should be tried again when the script maps them to nothing known.</summary>
    private static readonly HashSet<string> RetryOutcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ConversationOutcomes.CallerHungUp, ConversationOutcomes.NoResponse, ConversationOutcomes.ScriptError, BroadcastCallRunner.TransferFailedOutcome,
    };

    /// <param name="outcome">The conversation outcome (or <c>transfer-failed</c>).</param>
    /// <param name="code">The script's disposition code for it.</param>
    public static (Disposition Disposition, WrapUpRequest WrapUp) Resolve(string outcome, string code, ConversationDetails details, IReadOnlyList<Disposition> campaign, DateTimeOffset now)
    {
        var known = campaign.FirstOrDefault(d => string.Equals(d.Name, code, StringComparison.OrdinalIgnoreCase));
        var disposition = known ?? new Disposition(code, Final: !RetryOutcomes.Contains(outcome), Retry: RetryOutcomes.Contains(outcome));
        var dnc = details.Actions.Any(a => a.Type == ActionType.DoNotCall);
        var callbackAt = details.Actions.LastOrDefault(a => a.Type == ActionType.Callback)?.CallbackAt;
        disposition = disposition with { AddsToDnc = disposition.AddsToDnc || dnc, SchedulesCallback = disposition.SchedulesCallback || callbackAt is not null };
        if (disposition.SchedulesCallback && (callbackAt is null || callbackAt <= now))
        {
            // A callback code without an agreed time: try again tomorrow, same as a person saying "call me later".
            callbackAt = now.AddDays(1);
        }
        return (disposition, new WrapUpRequest(disposition.Name, details.Summary, [.. details.Intents], disposition.SchedulesCallback ? callbackAt : null));
    }
}
