namespace ContactCenter.Telephony.AgentPhones;

/// <summary>How agent channels are dialled.</summary>
public sealed record AgentPhoneChannelOptions
{
    /// <summary>The number shown on the agent's phone when the system calls it (From user part).</summary>
    public string CallerId { get; init; } = "dialer";

    /// <summary>Display name shown on the agent's phone.</summary>
    public string? CallerDisplayName { get; init; } = "Contact center";

    /// <summary>How long the agent's phone may ring before the channel fails with NoAnswer.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
