using System.Security.Claims;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// What a signed-in user or an API key carries: its name, role, the agent it works as and the
/// campaigns it may touch. Built in one place for both ways in, so the access rules read one shape.
/// </summary>
public static class AccountClaims
{
    public const string AgentId = "cc:agent";
    public const string Campaign = "cc:campaign";
    public const string SecurityStamp = "cc:stamp";
    public const string ActorKind = "cc:actor";

    public static ClaimsPrincipal Create(string authenticationType, string actorKind, string name, string role, string? agentId, IEnumerable<string> campaignIds, string? securityStamp = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role),
            new(ActorKind, actorKind),
        };
        if (agentId is not null) claims.Add(new Claim(AgentId, agentId));
        claims.AddRange(campaignIds.Select(c => new Claim(Campaign, c)));
        if (securityStamp is not null) claims.Add(new Claim(SecurityStamp, securityStamp));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string? RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);

    public static string? AgentIdOf(this ClaimsPrincipal user) => user.FindFirstValue(AgentId);

    /// <summary>"user" or "key".</summary>
    public static string ActorKindOf(this ClaimsPrincipal user) => user.FindFirstValue(ActorKind) ?? "anonymous";

    /// <summary>The campaigns the caller is limited to; empty when it may touch every campaign.</summary>
    public static IReadOnlyCollection<string> CampaignScopeOf(this ClaimsPrincipal user) =>
        user.FindAll(Campaign).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public static bool MayTouchCampaign(this ClaimsPrincipal user, string? campaignId)
    {
        var scope = user.CampaignScopeOf();
        return scope.Count == 0 || (campaignId is not null && scope.Contains(campaignId));
    }
}
