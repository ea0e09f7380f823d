namespace ContactCenter.Telephony.AgentPhones;

/// <summary>
/// Persistent agent channels: at login the system calls the agent's phone once and keeps that
/// leg up for the whole shift; each answered customer call is then joined to it at once, with no
/// ringing, and the leg stays up when the customer hangs up. Call from agent login and logout.
/// </summary>
public interface IAgentPhoneChannels
{
    /// <summary>
    /// Calls <paramref name="sipUri"/> unless the agent already has a live channel to it, and
    /// completes when the phone has answered. A second call while dialing joins the first.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is not a SIP URI.</exception>
    /// <exception cref="InvalidOperationException">The phone did not answer (busy, no answer, rejected).</exception>
    Task EnsureConnectedAsync(string agentId, string sipUri, CancellationToken cancellationToken = default);

    /// <summary>Hangs up the agent's channel (and any customer bridged to it stays up). No-op without a channel.</summary>
    Task DisconnectAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>True while the agent's phone leg is established.</summary>
    bool IsConnected(string agentId);
}
