using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Grains.Broadcast.Calls;

/// <summary>
/// Runs the AI agent of one Broadcast call on text: the script comes from the cache, the caller's words from the
/// campaign's simulated behaviours. (On a SIP trunk the same session runs inside <see cref="VoiceConversation"/>.)
/// </summary>
public sealed class BroadcastCallRunner(ConversationSessionFactory sessions, AgentScriptCache scripts)
{
    /// <summary>Outcome a script may map to say what happens when a transfer finds no Ready agent.</summary>
    public const string TransferFailedOutcome = "transfer-failed";

    /// <summary>
    /// Holds the conversation with the simulated person picked for this lead. Cancelling <paramref name="cancellationToken"/>
    /// once the conversation has started ends it as a caller hang-up with what was said so far.
    /// </summary>
    /// <exception cref="Common.EntityNotFoundException">The script version is gone.</exception>
    public async Task<BroadcastRun> RunSimulatedAsync(BroadcastCall call, CampaignSimulation? simulation, long leadId, CancellationToken cancellationToken = default)
    {
        var script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        var behaviours = simulation?.CallerReplies ?? [];
        var chosen = SimulatedCaller.Choose(simulation?.Seed ?? 1, leadId, behaviours.Count);
        IReadOnlyList<string> replies = chosen >= 0 ? behaviours[chosen] ?? [] : [];

        var session = sessions.Create(script, call.CallerZone());
        string? transferTo = null;
        try
        {
            transferTo = await SimulatedCaller.ConverseAsync(session, replies, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && session.IsStarted)
        {
            // The call ended under the conversation: the person is gone.
        }
        if (!session.IsComplete) await session.HandleAsync(CallerInput.HangUp, CancellationToken.None);
        var result = session.GetResult();
        return new BroadcastRun(result, ConversationDetails.From(call, result, chosen >= 0 ? chosen : null), transferTo,
            script.Dispositions.TryGetValue(TransferFailedOutcome, out var code) ? code : null);
    }

    /// <summary>
    /// The details of a conversation whose transfer no human agent took, told as it ended: outcome
    /// <see cref="TransferFailedOutcome"/> with the script's <paramref name="code"/> for it, and a summary that says
    /// nobody took the call rather than that it was transferred.
    /// </summary>
    public async Task<ConversationDetails> TransferFailedAsync(BroadcastCall call, ConversationDetails details, string code, CancellationToken cancellationToken = default)
    {
        AgentScript script;
        try
        {
            script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        }
        catch (Exception ex) when (ex is Common.EntityNotFoundException or AgentScriptFormatException)
        {
            // Gone since the conversation ran: the summary loses the script's name, not its truth.
            script = new AgentScript();
        }
        return details.AfterFailedTransfer(script, code);
    }

    /// <summary>Whether the script leaves a voicemail message (then a real call stays on an answering machine for it).</summary>
    /// <exception cref="Common.EntityNotFoundException">The script version is gone.</exception>
    public async Task<bool> LeavesVoicemailAsync(BroadcastCall call, CancellationToken cancellationToken = default)
    {
        var script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        return script.Voicemail.Action == VoicemailAction.LeaveMessage && !string.IsNullOrWhiteSpace(script.Voicemail.Message);
    }

    /// <summary>An answering machine took the call: the script's voicemail policy, recorded.</summary>
    public async Task<ConversationDetails> RunVoicemailAsync(BroadcastCall call, CancellationToken cancellationToken = default)
    {
        var script = await scripts.GetAsync(call.ScriptId, call.ScriptVersion, cancellationToken);
        var session = sessions.Create(script);
        var turn = session.StartVoicemail();
        var message = turn.Directives.FirstOrDefault(d => d.Kind == DirectiveKind.Speak)?.Text;
        return ConversationDetails.From(call, session.GetResult(), null) with
        {
            Voicemail = message is null ? "hangUp" : "leaveMessage",
            VoicemailMessage = message,
        };
    }
}
