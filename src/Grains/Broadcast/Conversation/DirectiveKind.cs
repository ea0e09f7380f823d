namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>What the engine asks the media and dialer layers to do.</summary>
public enum DirectiveKind
{
    /// <summary>Play <see cref="AgentDirective.Text"/> as speech.</summary>
    Speak,
    /// <summary>Stop the prompt that is playing (barge-in).</summary>
    StopPlayback,
    /// <summary>Bridge the call to a human agent of <see cref="AgentDirective.Campaign"/>.</summary>
    Transfer,
    /// <summary>Schedule another call at <see cref="AgentDirective.At"/>.</summary>
    ScheduleCallback,
    /// <summary>Add the number to the do-not-call list.</summary>
    AddToDoNotCall,
    /// <summary>Hang up after the speech before it has played.</summary>
    HangUp,
}
