namespace ContactCenter.Api.Accounts;

/// <summary>A user as admins see it: never the password hash.</summary>
public sealed record UserResponse(string Username, string Role, string? AgentId, List<string> CampaignIds, bool Disabled, bool Locked, DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserAccount user, DateTimeOffset now) =>
        new(user.Username, user.Role, user.AgentId, user.CampaignIds, user.Disabled, user.LockedUntil > now, user.CreatedAt);
}
