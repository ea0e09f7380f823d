namespace ContactCenter.Api.Accounts;

/// <summary>An API key as admins see it: its name, role and scope, never the key or its hash.</summary>
public sealed record ApiKeyRecord(
    long Id,
    string Name,
    string Role,
    string? AgentId,
    List<string> CampaignIds,
    string KeyPrefix,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
