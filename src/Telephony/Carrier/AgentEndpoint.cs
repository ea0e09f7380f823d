namespace ContactCenter.Telephony.Carrier;

/// <summary>Where an agent's audio goes: the agent id and, on SIP, the phone's URI.</summary>
public sealed record AgentEndpoint(string AgentId, string? SipUri = null);
