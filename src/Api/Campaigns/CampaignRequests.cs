namespace ContactCenter.Api.Campaigns;

public sealed record AttachListRequest(long? ListId);

public sealed record AssignAgentsRequest(IReadOnlyList<string>? AgentIds);
