namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>One instruction of an <see cref="AgentTurn"/>, to be carried out in order.</summary>
public sealed record AgentDirective(DirectiveKind Kind, string? Text = null, string? Campaign = null, DateTimeOffset? At = null)
{
    /// <summary>Speak a line.</summary>
    public static AgentDirective Speak(string text) => new(DirectiveKind.Speak, Text: text);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DirectiveKind.Speak => $"speak \"{Text}\"",
        DirectiveKind.Transfer => $"transfer to {Campaign}",
        DirectiveKind.ScheduleCallback => $"callback at {At:O}",
        _ => Kind.ToString(),
    };
}
