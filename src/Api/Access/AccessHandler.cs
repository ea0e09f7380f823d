using System.Security.Claims;
using ContactCenter.Api.Accounts;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Authorization;

namespace ContactCenter.Api.Access;

/// <summary>
/// Decides every request by its endpoint's line in <see cref="AccessRules"/>: the role first, then,
/// for an agent, whether the agent, lead, call or campaign in the request is its own, and for a
/// caller limited to some campaigns, whether the campaign is one of them. A refusal says why (the
/// 403 problem details carry it); an anonymous caller is challenged (401) instead.
/// </summary>
public sealed class AccessHandler(IGrainFactory grains) : AuthorizationHandler<AccessRequirement>
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http) return;
        var endpoint = http.GetEndpoint();
        // No endpoint: the request will be answered 404 and reveals nothing. Routing's own answers
        // (405 wrong method, 415 wrong content type) only say how to call what exists: to anyone signed in.
        if (endpoint is not RouteEndpoint route)
        {
            if (endpoint is null || context.User.Identity?.IsAuthenticated == true) context.Succeed(requirement);
            return;
        }

        var rule = AccessRules.Find(http.Request.Method, route.RoutePattern.RawText ?? "");
        var access = rule?.Access ?? Access.Admin;
        if (access == Access.Public) { context.Succeed(requirement); return; }
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return;

        var refusal = await RefusalAsync(access, user, http);
        if (refusal is null) context.Succeed(requirement);
        else http.Items[AuthProblems.ForbiddenReasonKey] = refusal;
    }

    /// <summary>Why the caller may not, or null when it may.</summary>
    private async Task<string?> RefusalAsync(Access access, ClaimsPrincipal user, HttpContext http)
    {
        var role = user.RoleOf();
        if (role == Roles.Admin) return null;
        if (access == Access.SignedIn) return null;
        if (access == Access.Admin) return "Only an admin may do this.";

        var isSupervisor = role == Roles.Supervisor;
        var isAgent = role == Roles.Agent;
        var routeId = http.Request.RouteValues.TryGetValue("id", out var value) ? value as string : null;
        switch (access)
        {
            case Access.Supervisor:
                if (!isSupervisor) return "Only a supervisor or an admin may do this.";
                return CampaignOutOfScope(user, http);
            case Access.SupervisorOfCampaignQuery:
                if (!isSupervisor) return "Only a supervisor or an admin may do this.";
                if (user.CampaignScopeOf().Count > 0 && string.IsNullOrWhiteSpace(http.Request.Query["campaignId"]))
                    return "You are limited to some campaigns: name one of them in campaignId.";
                return CampaignOutOfScope(user, http);
            case Access.AgentCampaign:
                if (isSupervisor) return CampaignOutOfScope(user, http);
                if (!isAgent) return "Not allowed.";
                var worker = await AgentOfAsync(user);
                return worker is not null && worker.CampaignId == routeId ? null : "An agent may read only the campaign it is logged in to.";
            case Access.AgentSelf:
                if (isAgent) return routeId == user.AgentIdOf() ? null : "An agent may act only as itself.";
                if (!isSupervisor) return "Not allowed.";
                if (user.CampaignScopeOf().Count == 0 || routeId is null) return null;
                var agent = await SnapshotOrNullAsync(routeId);
                // An agent logged out belongs to no campaign: any supervisor may manage it.
                return agent?.CampaignId is null || user.MayTouchCampaign(agent.CampaignId) ? null : "The agent works a campaign you do not supervise.";
            case Access.AgentCall:
            case Access.AgentLead:
                if (isSupervisor) return null;
                if (!isAgent) return "Not allowed.";
                var me = await AgentOfAsync(user);
                if (me?.CurrentCallId is null) return "An agent may read only the lead and call it is working.";
                if (access == Access.AgentCall) return me.CurrentCallId == routeId ? null : "An agent may read only its own call.";
                var call = await grains.GetGrain<ICallGrain>(me.CurrentCallId).GetAsync().WaitAsync(LookupTimeout);
                return call.LeadId?.ToString(System.Globalization.CultureInfo.InvariantCulture) == routeId ? null : "An agent may read only the lead it is working.";
            default:
                return "Not allowed.";
        }
    }

    /// <summary>A campaign in the route (campaigns' {id}) or the campaignId query outside the caller's scope.</summary>
    private static string? CampaignOutOfScope(ClaimsPrincipal user, HttpContext http)
    {
        if (user.CampaignScopeOf().Count == 0) return null;
        var campaigns = new List<string>();
        if (http.Request.Path.StartsWithSegments("/api/campaigns") && http.Request.RouteValues.TryGetValue("id", out var id) && id is string campaignId)
            campaigns.Add(campaignId);
        campaigns.AddRange(http.Request.Query["campaignId"].Where(c => !string.IsNullOrEmpty(c))!);
        return campaigns.All(user.MayTouchCampaign) ? null : "The campaign is not one you may touch.";
    }

    private async Task<AgentSnapshot?> AgentOfAsync(ClaimsPrincipal user) =>
        user.AgentIdOf() is { } agentId ? await SnapshotOrNullAsync(agentId) : null;

    private async Task<AgentSnapshot?> SnapshotOrNullAsync(string agentId)
    {
        try
        {
            return await grains.GetGrain<IAgentGrain>(agentId).GetAsync().WaitAsync(LookupTimeout);
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }
}
