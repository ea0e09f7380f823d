using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Agents;

/// <summary>POST /api/agents: an optional id (e.g. the agent's extension), else one is generated.</summary>
public sealed record CreateAgentRequest(
    [property: TextLimit(TextLimits.Name)] string? Name,
    [property: TextLimit(TextLimits.SipUri)] string? SipUri = null,
    [property: TextLimit(TextLimits.Id)] string? Id = null);

public sealed record UpdateAgentRequest([property: TextLimit(TextLimits.Name)] string? Name, [property: TextLimit(TextLimits.SipUri)] string? SipUri = null);

public sealed record LoginRequest([property: TextLimit(TextLimits.Id)] string? CampaignId);

public sealed record PauseRequest([property: TextLimit(TextLimits.Code)] string? Reason);

public sealed record WrapUpBody(
    [property: TextLimit(TextLimits.Name)] string? Disposition,
    [property: TextLimit(TextLimits.Comments, Multiline = true)] string? Notes = null,
    [property: TextLimit(TextLimits.Code)] IReadOnlyList<string>? Tags = null,
    DateTimeOffset? CallbackAt = null,
    bool PersonalCallback = false);
