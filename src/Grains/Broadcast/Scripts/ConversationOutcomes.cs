namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Outcomes the conversation engine records by itself; scripts map them (and their own) to dispositions.</summary>
public static class ConversationOutcomes
{
    /// <summary>An end node without an outcome was reached.</summary>
    public const string Completed = "completed";
    /// <summary>Retries ran out and no fallback node was configured.</summary>
    public const string NoResponse = "no-response";
    /// <summary>The caller hung up before the conversation ended.</summary>
    public const string CallerHungUp = "hangup";
    /// <summary>An answering machine took the call.</summary>
    public const string Voicemail = "voicemail";
    /// <summary>A transfer action ran.</summary>
    public const string Transferred = "transferred";
    /// <summary>A callback action ran.</summary>
    public const string Callback = "callback";
    /// <summary>A do-not-call action ran.</summary>
    public const string DoNotCall = "dnc";
    /// <summary>A hang-up action ran.</summary>
    public const string AgentHungUp = "ended";
    /// <summary>The engine stopped a script that looped without waiting for the caller.</summary>
    public const string ScriptError = "script-error";

    /// <summary>All outcomes the engine may record without a script asking for them.</summary>
    public static IReadOnlyList<string> Engine { get; } = [Completed, NoResponse, CallerHungUp, Voicemail, ScriptError];

    /// <summary>The default outcome of an action type.</summary>
    public static string ForAction(ActionType type) => type switch
    {
        ActionType.Transfer => Transferred,
        ActionType.Callback => Callback,
        ActionType.DoNotCall => DoNotCall,
        _ => AgentHungUp,
    };
}
