namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>Who a transcript line belongs to.</summary>
public enum Speaker
{
    Agent,
    Caller,
    /// <summary>Events without words: silence, barge-in, actions, hang-up.</summary>
    System,
}
