using ContactCenter.Api.Common;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Campaigns;

public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/campaigns").WithTags("Campaigns").ProducesUnavailable();
        api.MapGet("", ListCampaignsAsync).WithName("ListCampaigns").WithSummary("All campaigns")
            .WithDescription(GrainFanOut.ListDescription);
        api.MapPost("", CreateCampaignAsync).WithName("CreateCampaign").WithSummary("Create a campaign (Draft)")
            .ProducesBodyProblems();
        api.MapGet("{id}", GetCampaignAsync).WithName("GetCampaign").WithSummary("One campaign's definition, status and counters")
            .ProducesInvalid().ProducesNotFound();
        api.MapPut("{id}", UpdateCampaignAsync).WithName("UpdateCampaign").WithSummary("Replace a campaign's definition")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapDelete("{id}", DeleteCampaignAsync).WithName("DeleteCampaign").WithSummary("Delete a campaign that is not running")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/start", (string id, IGrainFactory g) => Change(g, id, c => c.StartAsync())).WithName("StartCampaign").WithSummary("Draft/Stopped → Running")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/pause", (string id, IGrainFactory g) => Change(g, id, c => c.PauseAsync())).WithName("PauseCampaign").WithSummary("Running → Paused: no new dials, live calls go on")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/resume", (string id, IGrainFactory g) => Change(g, id, c => c.ResumeAsync())).WithName("ResumeCampaign").WithSummary("Paused → Running")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/stop", (string id, IGrainFactory g) => Change(g, id, c => c.StopAsync())).WithName("StopCampaign").WithSummary("Running/Paused → Stopped: live calls finish, nothing new is dialed")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapGet("{id}/stats", GetStatsAsync).WithName("GetCampaignStats").WithSummary("Live counters for the dialer dashboard")
            .ProducesInvalid().ProducesNotFound();
        api.MapPost("{id}/lists", AttachListAsync).WithName("AttachList").WithSummary("Attach a lead list (dialed after those already attached)")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        api.MapDelete("{id}/lists/{listId:long}", (string id, long listId, IGrainFactory g) => Change(g, id, c => c.DetachListAsync(listId)))
            .WithName("DetachList").WithSummary("Stop dialing a list: its leads held undialed go back to the pool (a running campaign keeps one list at least)")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("{id}/agents", AssignAgentsAsync).WithName("AssignAgents").WithSummary("Assign agents who may log in")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CampaignSnapshot>>> ListCampaignsAsync(IGrainFactory grains, GrainFanOut fanOut, HttpResponse response)
    {
        var entries = await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(GrainFanOut.DirectoryTimeout);
        var campaigns = await fanOut.ReadAllAsync("Campaign", entries.Select(e => e.Id), id => grains.GetGrain<ICampaignGrain>(id).GetAsync());
        GrainFanOut.ReportUnreadable(response, campaigns.Unreadable);
        return TypedResults.Ok<IReadOnlyList<CampaignSnapshot>>(campaigns.Items);
    }

    public static async Task<Created<CampaignSnapshot>> CreateCampaignAsync(CampaignDefinition? body, IGrainFactory grains, AgentScriptStore scripts)
    {
        body = Problem.RequireBody(body);
        await RequireScriptAsync(body, scripts);
        var id = Guid.NewGuid().ToString("N")[..12];
        var campaign = await grains.GetGrain<ICampaignGrain>(id).CreateAsync(body);
        return TypedResults.Created($"/api/campaigns/{id}", campaign);
    }

    public static async Task<Ok<CampaignSnapshot>> GetCampaignAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICampaignGrain>(id).GetAsync());

    public static async Task<Ok<CampaignSnapshot>> UpdateCampaignAsync(string id, CampaignDefinition? body, IGrainFactory grains, AgentScriptStore scripts)
    {
        await RequireScriptAsync(Problem.RequireBody(body), scripts);
        return TypedResults.Ok(await grains.GetGrain<ICampaignGrain>(id).UpdateAsync(body!));
    }

    /// <summary>A campaign may only name a script (and version) that exists; the grain checks again when it dials.</summary>
    private static async Task RequireScriptAsync(CampaignDefinition body, AgentScriptStore scripts)
    {
        if (string.IsNullOrWhiteSpace(body.AgentScriptId) || body.AgentScriptId.Length > 64) return;
        if (await scripts.GetAsync(body.AgentScriptId, body.AgentScriptVersion is >= 1 ? body.AgentScriptVersion : null) is null)
            throw new ValidationFailedException("agentScriptId", body.AgentScriptVersion is { } v
                ? $"Agent script '{body.AgentScriptId}' has no version {v}."
                : $"Agent script '{body.AgentScriptId}' does not exist.");
    }

    public static async Task<NoContent> DeleteCampaignAsync(string id, IGrainFactory grains)
    {
        await grains.GetGrain<ICampaignGrain>(id).DeleteAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Ok<CampaignStats>> GetStatsAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICampaignGrain>(id).GetStatsAsync());

    public static async Task<Ok<CampaignSnapshot>> AttachListAsync(string id, AttachListRequest? body, IGrainFactory grains, ContactCenter.Grains.Leads.LeadStore leads)
    {
        body = Problem.RequireBody(body);
        Problem.Require(body.ListId is > 0, "listId", "A list id is required.");
        _ = await leads.GetListAsync(body.ListId!.Value) ?? throw new EntityNotFoundException("List", body.ListId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return TypedResults.Ok(await grains.GetGrain<ICampaignGrain>(id).AttachListAsync(body.ListId.Value));
    }

    public static async Task<Ok<CampaignSnapshot>> AssignAgentsAsync(string id, AssignAgentsRequest? body, IGrainFactory grains)
    {
        body = Problem.RequireBody(body);
        Problem.Require(body.AgentIds is { Count: > 0 }, "agentIds", "List at least one agent id.");
        return TypedResults.Ok(await grains.GetGrain<ICampaignGrain>(id).AssignAgentsAsync(body.AgentIds!));
    }

    private static async Task<Ok<CampaignSnapshot>> Change(IGrainFactory grains, string id, Func<ICampaignGrain, Task<CampaignSnapshot>> change) =>
        TypedResults.Ok(await change(grains.GetGrain<ICampaignGrain>(id)));
}
