namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>One event from the caller, fed to <see cref="ConversationSession.HandleAsync"/>.</summary>
public sealed record CallerInput(CallerInputKind Kind, string? Text = null, string? Digits = null)
{
    /// <summary>Recognised speech.</summary>
    public static CallerInput Say(string text) => new(CallerInputKind.Utterance, Text: text);

    /// <summary>Keyed digits (one key, or several ended by #).</summary>
    public static CallerInput Keys(string digits) => new(CallerInputKind.Dtmf, Digits: digits);

    /// <summary>Silence until the timeout.</summary>
    public static CallerInput Silence { get; } = new(CallerInputKind.NoInput);

    /// <summary>Speech started over a prompt.</summary>
    public static CallerInput BargeIn { get; } = new(CallerInputKind.BargeIn);

    /// <summary>The caller hung up.</summary>
    public static CallerInput HangUp { get; } = new(CallerInputKind.HangUp);
}
