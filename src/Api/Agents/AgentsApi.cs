using ContactCenter.Api.Common;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Agents;

public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/agents").WithTags("Agents").ProducesUnavailable();
        api.MapGet("", ListAgentsAsync).WithName("ListAgents").WithSummary("All agents with their current state")
            .WithDescription(GrainFanOut.ListDescription);
        api.MapPost("", CreateAgentAsync).WithName("CreateAgent").WithSummary("Create an agent (Offline)")
            .ProducesBodyProblems().ProducesConflict();
        api.MapGet("{id}", GetAgentAsync).WithName("GetAgent").WithSummary("One agent's state and counters")
            .ProducesInvalid().ProducesNotFound();
        api.MapPut("{id}", UpdateAgentAsync).WithName("UpdateAgent").WithSummary("Rename an agent or change its phone")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapDelete("{id}", DeleteAgentAsync).WithName("DeleteAgent").WithSummary("Delete an Offline agent")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/login", LoginAsync).WithName("LoginAgent").WithSummary("Offline → Paused(LoggedIn) on a campaign")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/ready", ReadyAsync).WithName("ReadyAgent").WithSummary("Paused → Ready")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/pause", PauseAsync).WithName("PauseAgent").WithSummary("Ready or WrapUp → Paused with a reason code")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/logout", LogoutAsync).WithName("LogoutAgent").WithSummary("Any idle state → Offline")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/wrapup", WrapUpAsync).WithName("WrapUpAgent").WithSummary("WrapUp → Ready with notes, tags and a disposition")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapGet("{id}/campaigns", ListCampaignsAsync).WithName("ListAgentCampaigns")
            .WithSummary("The campaigns this agent may log in to (assigned to it, or open to every agent), not completed")
            .WithDescription(GrainFanOut.ListDescription).ProducesNotFound();
        return app;
    }

    /// <summary>
    /// What an agent's desktop offers at login: the agent may not list campaigns, but it may know
    /// those it can work. Read from the campaign grains, as the campaign list is.
    /// </summary>
    public static async Task<Ok<List<AgentCampaignChoice>>> ListCampaignsAsync(string id, IGrainFactory grains, GrainFanOut fanOut, HttpResponse response)
    {
        await grains.GetGrain<IAgentGrain>(id).GetAsync();
        var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
        var campaigns = await fanOut.ReadAllAsync("Campaign", entries.Select(e => e.Id), c => grains.GetGrain<ContactCenter.Grains.Campaigns.ICampaignGrain>(c).GetAsync());
        GrainFanOut.ReportUnreadable(response, campaigns.Unreadable);
        var open = campaigns.Items
            .Where(c => c.Status != ContactCenter.Grains.Campaigns.CampaignStatus.Completed)
            .Where(c => c.Definition.AgentIds.Count == 0 || c.Definition.AgentIds.Contains(id))
            .OrderBy(c => c.Definition.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new AgentCampaignChoice(c.Id, c.Definition.Name, c.Definition.DialerType, c.Status))
            .ToList();
        return TypedResults.Ok(open);
    }

    public static async Task<Ok<IReadOnlyList<AgentSnapshot>>> ListAgentsAsync(IGrainFactory grains, GrainFanOut fanOut, HttpResponse response)
    {
        var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Agents).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
        var agents = await fanOut.ReadAllAsync("Agent", entries.Select(e => e.Id), id => grains.GetGrain<IAgentGrain>(id).GetAsync());
        GrainFanOut.ReportUnreadable(response, agents.Unreadable);
        return TypedResults.Ok<IReadOnlyList<AgentSnapshot>>(agents.Items);
    }

    public static async Task<Created<AgentSnapshot>> CreateAgentAsync(CreateAgentRequest? body, IGrainFactory grains)
    {
        body = Problem.RequireBody(body);
        var id = string.IsNullOrWhiteSpace(body.Id) ? Guid.NewGuid().ToString("N")[..12] : body.Id.Trim();
        Problem.Require(System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9._-]{1,64}$"), "id", "An id has 1-64 letters, digits, '.', '_' or '-'.");
        var agent = await grains.GetGrain<IAgentGrain>(id).CreateAsync(new AgentProfile(body.Name ?? "", body.SipUri));
        return TypedResults.Created($"/api/agents/{id}", agent);
    }

    public static async Task<Ok<AgentSnapshot>> GetAgentAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).GetAsync());

    public static async Task<Ok<AgentSnapshot>> UpdateAgentAsync(string id, UpdateAgentRequest? body, IGrainFactory grains)
    {
        body = Problem.RequireBody(body);
        return TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).UpdateAsync(new AgentProfile(body.Name ?? "", body.SipUri)));
    }

    public static async Task<NoContent> DeleteAgentAsync(string id, IGrainFactory grains)
    {
        await grains.GetGrain<IAgentGrain>(id).DeleteAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Ok<AgentSnapshot>> LoginAsync(string id, LoginRequest? body, IGrainFactory grains)
    {
        body = Problem.RequireBody(body);
        Problem.Require(!string.IsNullOrWhiteSpace(body.CampaignId), "campaignId", "The campaign to work is required.");
        return TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).LoginAsync(body.CampaignId!.Trim()));
    }

    public static async Task<Ok<AgentSnapshot>> ReadyAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).ReadyAsync());

    public static async Task<Ok<AgentSnapshot>> PauseAsync(string id, PauseRequest? body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).PauseAsync(body?.Reason ?? ""));

    public static async Task<Ok<AgentSnapshot>> LogoutAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).LogoutAsync());

    public static async Task<Ok<AgentSnapshot>> WrapUpAsync(string id, WrapUpBody? body, IGrainFactory grains)
    {
        body = Problem.RequireBody(body);
        Problem.Require(!string.IsNullOrWhiteSpace(body.Disposition), "disposition", "A disposition is required.");
        var request = new WrapUpRequest(body.Disposition!.Trim(), body.Notes, body.Tags is null ? null : [.. body.Tags], body.CallbackAt, body.PersonalCallback);
        return TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).CompleteWrapUpAsync(request));
    }
}
