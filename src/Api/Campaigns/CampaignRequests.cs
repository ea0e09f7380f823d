using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Campaigns;

public sealed record AttachListRequest(long? ListId);

public sealed record AssignAgentsRequest([property: TextLimit(TextLimits.Id)] IReadOnlyList<string>? AgentIds);
