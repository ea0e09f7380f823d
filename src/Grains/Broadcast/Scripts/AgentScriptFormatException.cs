namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>The script text could not be read; the message says where and why.</summary>
public sealed class AgentScriptFormatException : Exception
{
    public AgentScriptFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
