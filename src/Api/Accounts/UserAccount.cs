namespace ContactCenter.Api.Accounts;

/// <summary>A row of the <c>users</c> table.</summary>
public sealed record UserAccount(
    string Username,
    string PasswordHash,
    string Role,
    string? AgentId,
    List<string> CampaignIds,
    bool Disabled,
    Guid SecurityStamp,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);
