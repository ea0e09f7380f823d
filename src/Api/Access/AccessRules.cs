using Microsoft.AspNetCore.Routing.Patterns;

namespace ContactCenter.Api.Access;

/// <summary>
/// The one table of who may call what, matched on the endpoint's route template (constraints
/// dropped: <c>api/lists/{id:long}</c> is <c>api/lists/{id}</c>). An endpoint the table does not
/// name is for admins only, so a new endpoint is never open by accident; a test lists every
/// endpoint and fails on one missing here. The README's access table mirrors it.
/// </summary>
public static class AccessRules
{
    public static readonly IReadOnlyList<AccessRule> Table =
    [
        // Outside /api: what monitoring and readers of the API need without an account.
        new("GET", "health/live", Access.Public),
        new("GET", "health/ready", Access.Public),
        new("GET", "openapi/{documentName}.json", Access.Public),
        new("GET", "scalar/{documentName?}", Access.Public),
        new("GET", "scalar/scalar.js", Access.Public),
        new("GET", "scalar/scalar.aspnetcore.js", Access.Public),
        new("GET", "scalar/favicon.svg", Access.Public),

        new("POST", "api/auth/login", Access.Public),
        new("POST", "api/auth/logout", Access.SignedIn),
        new("GET", "api/auth/me", Access.SignedIn),
        new("GET", "api/auth/antiforgery", Access.SignedIn),

        new("*", "api/users", Access.Admin),
        new("*", "api/users/{username}", Access.Admin),
        new("*", "api/api-keys", Access.Admin),
        new("*", "api/api-keys/{id}", Access.Admin),
        new("GET", "api/audit", Access.Admin),
        new("*", "api/trunks/{name}", Access.Admin),
        new("*", "api/agent-scripts", Access.Admin),
        new("*", "api/agent-scripts/{id}", Access.Admin),
        new("*", "api/agent-scripts/{id}/versions", Access.Admin),
        new("*", "api/agent-scripts/{id}/versions/{version}", Access.Admin),

        // Agents: the floor's own desk, and their management by supervisors.
        new("GET", "api/agents", Access.Supervisor),
        new("POST", "api/agents", Access.Supervisor),
        new("GET", "api/agents/{id}", Access.AgentSelf),
        new("PUT", "api/agents/{id}", Access.Supervisor),
        new("DELETE", "api/agents/{id}", Access.Supervisor),
        new("POST", "api/agents/{id}/login", Access.AgentSelf),
        new("POST", "api/agents/{id}/ready", Access.AgentSelf),
        new("POST", "api/agents/{id}/pause", Access.AgentSelf),
        new("POST", "api/agents/{id}/logout", Access.AgentSelf),
        new("POST", "api/agents/{id}/wrapup", Access.AgentSelf),
        new("GET", "api/agents/{id}/preview", Access.AgentSelf),
        new("POST", "api/agents/{id}/preview/dial", Access.AgentSelf),
        new("POST", "api/agents/{id}/preview/skip", Access.AgentSelf),
        new("*", "api/agents/{id}/callbacks", Access.AgentSelf),
        new("GET", "api/agents/{id}/campaigns", Access.AgentSelf),

        // Campaigns: supervisors run them; an agent reads the one it works.
        new("GET", "api/campaigns", Access.Supervisor),
        new("POST", "api/campaigns", Access.Supervisor),
        new("GET", "api/campaigns/{id}", Access.AgentCampaign),
        new("*", "api/campaigns/{id}", Access.Supervisor),
        new("*", "api/campaigns/{id}/start", Access.Supervisor),
        new("*", "api/campaigns/{id}/pause", Access.Supervisor),
        new("*", "api/campaigns/{id}/resume", Access.Supervisor),
        new("*", "api/campaigns/{id}/stop", Access.Supervisor),
        new("*", "api/campaigns/{id}/stats", Access.Supervisor),
        new("*", "api/campaigns/{id}/lists", Access.Supervisor),
        new("*", "api/campaigns/{id}/lists/{listId}", Access.Supervisor),
        new("*", "api/campaigns/{id}/agents", Access.Supervisor),
        new("GET", "api/campaigns/{id}/dial-audit/export", Access.Supervisor),
        new("*", "api/campaigns/{id}/safe-harbor-audio", Access.Supervisor),

        // Leads, lists, imports and do-not-call: supervisors; an agent reads the lead it works.
        new("GET", "api/leads/{id}", Access.AgentLead),
        new("*", "api/leads", Access.Supervisor),
        new("*", "api/leads/export", Access.Supervisor),
        new("*", "api/leads/{id}", Access.Supervisor),
        new("GET", "api/leads/{id}/attempts", Access.Supervisor),
        new("*", "api/lists", Access.Supervisor),
        new("*", "api/lists/{id}", Access.Supervisor),
        new("*", "api/lists/{id}/export", Access.Supervisor),
        new("*", "api/lists/{id}/recycle", Access.Supervisor),
        new("*", "api/lists/{id}/imports", Access.Supervisor),
        new("*", "api/imports/{id}", Access.Supervisor),
        new("*", "api/imports/{id}/errors", Access.Supervisor),
        new("*", "api/dnc", Access.Supervisor),
        new("*", "api/dnc/{phone}", Access.Supervisor),
        new("*", "api/dnc/imports", Access.Supervisor),

        // Calls and reports.
        new("GET", "api/calls", Access.SupervisorOfCampaignQuery),
        new("GET", "api/calls/export", Access.SupervisorOfCampaignQuery),
        new("GET", "api/calls/{id}", Access.AgentCall),
        new("POST", "api/calls/{id}/hangup", Access.AgentCall),
        new("GET", "api/calls/{id}/conversation", Access.Supervisor),
        new("GET", "api/reports/agents", Access.SupervisorOfCampaignQuery),
        new("GET", "api/reports/campaigns", Access.SupervisorOfCampaignQuery),
        new("GET", "api/dashboard", Access.Supervisor),
        // Live pages: the stream itself filters what each role hears.
        new("GET", "api/events", Access.SignedIn),

        // Operators' infrastructure views.
        new("GET", "metrics", Access.Admin),

        // The web UI's pages: index.html for each client-side route. They hold no data; every
        // figure on them comes from the endpoints above with the signed-in user's own rights.
        new("GET", "", Access.Public),
        new("GET", "login", Access.Public),
        new("GET", "agent", Access.Public),
        new("GET", "dashboard", Access.Public),
        new("GET", "manage", Access.Public),
        new("GET", "manage/{page}", Access.Public),
    ];

    /// <summary>The rule for an endpoint, or null when the table does not name it.</summary>
    public static AccessRule? Find(string method, string route)
    {
        var normalized = Normalize(route);
        return Table.FirstOrDefault(r => r.Route == normalized && string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
            ?? Table.FirstOrDefault(r => r.Route == normalized && r.Method == "*");
    }

    /// <summary>The template without its leading slash and parameter constraints or defaults.</summary>
    public static string Normalize(string route) => Normalized.GetOrAdd(route, NormalizeUncached);

    // Asked on every request (authorization, rate limits) for one of the node's few route templates.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Normalized = new(StringComparer.Ordinal);

    private static string NormalizeUncached(string route)
    {
        var pattern = RoutePatternFactory.Parse(route);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + (parameter.IsOptional ? "?" : "") + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return string.Join('/', segments);
    }
}
