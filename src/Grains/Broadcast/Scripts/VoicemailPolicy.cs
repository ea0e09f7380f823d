namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>What the agent does when the call reaches an answering machine.</summary>
public sealed record VoicemailPolicy
{
    /// <summary>Leave a message or hang up.</summary>
    public VoicemailAction Action { get; init; } = VoicemailAction.HangUp;

    /// <summary>The message left after the beep; required for <see cref="VoicemailAction.LeaveMessage"/>.</summary>
    public string? Message { get; init; }
}
