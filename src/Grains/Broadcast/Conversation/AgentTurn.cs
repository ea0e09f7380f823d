namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>The agent's reaction to one caller input.</summary>
/// <param name="Directives">What to do, in order.</param>
/// <param name="IsComplete">True when the conversation is over; read the result with <see cref="ConversationSession.GetResult"/>.</param>
/// <param name="WaitingAt">The ask or collect node now waiting for the caller, or null.</param>
public sealed record AgentTurn(IReadOnlyList<AgentDirective> Directives, bool IsComplete, string? WaitingAt)
{
    /// <summary>The text of all Speak directives, joined by spaces.</summary>
    public string Spoken => string.Join(' ', Directives.Where(d => d.Kind == DirectiveKind.Speak).Select(d => d.Text));

    /// <summary>True when a directive of the kind is present.</summary>
    public bool Has(DirectiveKind kind) => Directives.Any(d => d.Kind == kind);
}
