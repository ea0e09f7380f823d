using System.Text.RegularExpressions;
using ContactCenter.Grains.Broadcast.Conversation;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// The person on a simulated Broadcast call: the campaign's <c>simulation.callerReplies</c> are behaviours (lists of
/// replies); a call takes one, chosen from the seed and the lead id so a rerun gives every lead the same person.
/// Reply syntax: plain words are speech, <c>dtmf:123</c> presses keys, <c>(silence)</c> says nothing, <c>(hangup)</c> hangs up.
/// </summary>
public static partial class SimulatedCaller
{
    public const int MaxBehaviours = 100;
    public const int MaxRepliesPerBehaviour = 20;
    public const int MaxReplyLength = 500;
    public const string Silence = "(silence)";
    public const string HangUp = "(hangup)";
    private const string DtmfPrefix = "dtmf:";

    /// <summary>A guard only: scripts bound their own retries, and callers hang up when out of replies.</summary>
    private const int MaxTurns = 64;

    /// <summary>
    /// Holds a started-or-new session's conversation with a person who gives <paramref name="replies"/> turn by turn and
    /// hangs up when out of them. Returns the campaign the agent transferred to, if it did.
    /// </summary>
    public static async Task<string?> ConverseAsync(ConversationSession session, IReadOnlyList<string> replies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(replies);
        string? transferTo = null;
        var turn = await session.StartAsync(cancellationToken);
        for (var i = 0; ; i++)
        {
            transferTo = turn.Directives.LastOrDefault(d => d.Kind == DirectiveKind.Transfer)?.Campaign ?? transferTo;
            if (turn.IsComplete) return transferTo;
            var input = i < replies.Count && i < MaxTurns ? Parse(replies[i]) : CallerInput.HangUp;
            turn = await session.HandleAsync(input, cancellationToken);
        }
    }

    /// <summary>The behaviour for a lead, or -1 when there are none.</summary>
    public static int Choose(int seed, long leadId, int behaviours)
    {
        if (behaviours <= 0) return -1;
        // SplitMix64 finaliser: a stable mix (string/HashCode hashing is randomised per process).
        var z = unchecked((ulong)leadId * 0x9E3779B97F4A7C15UL + (ulong)(uint)seed);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z % (ulong)behaviours);
    }

    /// <summary>The caller input a reply stands for.</summary>
    public static CallerInput Parse(string reply)
    {
        var text = reply.Trim();
        if (text.Length == 0 || text.Equals(Silence, StringComparison.OrdinalIgnoreCase)) return CallerInput.Silence;
        if (text.Equals(HangUp, StringComparison.OrdinalIgnoreCase)) return CallerInput.HangUp;
        if (text.StartsWith(DtmfPrefix, StringComparison.OrdinalIgnoreCase)) return CallerInput.Keys(text[DtmfPrefix.Length..].Trim());
        return CallerInput.Say(text);
    }

    /// <summary>A message per problem in the configured behaviours.</summary>
    public static IEnumerable<string> Validate(IReadOnlyList<IReadOnlyList<string>>? behaviours)
    {
        if (behaviours is null) yield break;
        if (behaviours.Count > MaxBehaviours) yield return $"At most {MaxBehaviours} caller behaviours.";
        for (var i = 0; i < behaviours.Count; i++)
        {
            var replies = behaviours[i];
            if (replies is null) { yield return $"Behaviour {i} is null; give a list of replies."; continue; }
            if (replies.Count > MaxRepliesPerBehaviour) yield return $"Behaviour {i} has more than {MaxRepliesPerBehaviour} replies.";
            foreach (var reply in replies)
            {
                if (reply is null) yield return $"Behaviour {i} has a null reply.";
                else if (reply.Length > MaxReplyLength) yield return $"Behaviour {i} has a reply longer than {MaxReplyLength} characters.";
                else if (reply.Trim().StartsWith(DtmfPrefix, StringComparison.OrdinalIgnoreCase) && !DtmfDigits().IsMatch(reply.Trim()[DtmfPrefix.Length..].Trim()))
                    yield return $"Behaviour {i}: '{reply}' presses no valid keys (use 0-9, * and #).";
            }
        }
    }

    [GeneratedRegex("^[0-9*#]{1,32}$")]
    private static partial Regex DtmfDigits();
}
