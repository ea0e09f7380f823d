using System.Net;
using System.Text.Json;

namespace ContactCenter.Web.Tests.Support;

/// <summary>Lists, leads, agents, users and campaigns made through the REST API before a page is opened.</summary>
public static class Floor
{
    public const string CallerId = "+12125550000";

    public static async Task<long> CreateListAsync(this WebServer server, string name) =>
        (await server.PostAsync("/api/lists", new { name, defaultRegion = "US" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();

    public static async Task<long> AddLeadAsync(this WebServer server, object lead) =>
        (await server.PostAsync("/api/leads", lead, HttpStatusCode.Created)).GetProperty("id").GetInt64();

    /// <summary>An agent and the account it signs in with (username = agent id); returns the password.</summary>
    public static async Task<string> CreateAgentUserAsync(this WebServer server, string agentId, string name)
    {
        await server.PostAsync("/api/agents", new { id = agentId, name }, HttpStatusCode.Created);
        var password = "pw-" + agentId + "-0123456789";
        await server.PostAsync("/api/users", new { username = agentId, password, role = "agent", agentId }, HttpStatusCode.Created);
        return password;
    }

    public static async Task<string> CreateSupervisorAsync(this WebServer server, string username)
    {
        var password = "pw-" + username + "-0123456789";
        await server.PostAsync("/api/users", new { username, password, role = "supervisor" }, HttpStatusCode.Created);
        return password;
    }

    /// <summary>
    /// A campaign on the simulated carrier, callable around the clock (leads' own time zones), with
    /// the given dialer, lists, timing and answer rates.
    /// </summary>
    public static async Task<string> CreateCampaignAsync(this WebServer server, string name, string dialerType, long[] listIds,
        object simulation, int? wrapUpTimeoutSeconds = null)
    {
        var created = await server.PostAsync("/api/campaigns", new
        {
            name, dialerType, callerId = CallerId, listIds, wrapUpTimeoutSeconds,
            callingWindow = new { start = "00:00", end = "23:59" },
            simulation,
        }, HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    public static Task<JsonElement> StartCampaignAsync(this WebServer server, string campaignId) =>
        server.PostAsync($"/api/campaigns/{campaignId}/start");
}
