using ContactCenter.Grains.Broadcast.Scripts;

namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>An action the agent took during the call.</summary>
public sealed record ConversationAction(ActionType Type, DateTimeOffset At, string? Campaign = null, DateTimeOffset? CallbackAt = null);
