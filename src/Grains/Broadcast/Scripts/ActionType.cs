namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Things an action node can do.</summary>
public enum ActionType
{
    /// <summary>Hand the call to a human agent of a named campaign; the conversation ends.</summary>
    Transfer,
    /// <summary>Schedule another call to this lead.</summary>
    Callback,
    /// <summary>Put the number on the do-not-call list.</summary>
    DoNotCall,
    /// <summary>End the call now.</summary>
    Hangup,
}
