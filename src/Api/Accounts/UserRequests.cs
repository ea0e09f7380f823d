namespace ContactCenter.Api.Accounts;

/// <summary>POST /api/users.</summary>
public sealed record CreateUserRequest(string? Username, string? Password, string? Role, string? AgentId, List<string>? CampaignIds);

/// <summary>PUT /api/users/{username}: what is given changes; the user's sessions end.</summary>
public sealed record UpdateUserRequest(string? Password, string? Role, string? AgentId, List<string>? CampaignIds, bool? Disabled);

/// <summary>POST /api/api-keys.</summary>
public sealed record CreateApiKeyRequest(string? Name, string? Role, List<string>? CampaignIds, string? AgentId);

/// <summary>The new key: shown in this answer only.</summary>
public sealed record CreatedApiKey(long Id, string Key);
