namespace ContactCenter.Api.Agents;

/// <summary>POST /api/agents: an optional id (e.g. the agent's extension), else one is generated.</summary>
public sealed record CreateAgentRequest(string? Name, string? SipUri = null, string? Id = null);

public sealed record UpdateAgentRequest(string? Name, string? SipUri = null);

public sealed record LoginRequest(string? CampaignId);

public sealed record PauseRequest(string? Reason);

public sealed record WrapUpBody(string? Disposition, string? Notes = null, IReadOnlyList<string>? Tags = null, DateTimeOffset? CallbackAt = null, bool PersonalCallback = false);
