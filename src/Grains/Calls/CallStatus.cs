namespace ContactCenter.Grains.Calls;

public enum CallStatus
{
    Created,
    Dialing,
    Ringing,
    Answered,
    /// <summary>Bridged to an agent (or the AI agent).</summary>
    Connected,
    Completed,
    Failed,
}
