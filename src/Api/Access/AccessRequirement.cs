using Microsoft.AspNetCore.Authorization;

namespace ContactCenter.Api.Access;

/// <summary>The requirement of the fallback policy: the endpoint's line of <see cref="AccessRules"/> holds for the caller.</summary>
public sealed class AccessRequirement : IAuthorizationRequirement
{
    public const string Policy = "Access";
}
