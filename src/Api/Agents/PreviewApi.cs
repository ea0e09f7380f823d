using ContactCenter.Api.Problems;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Agents;

/// <summary>The Preview dialer from the agent's desk: see the next lead, dial it or skip it.</summary>
public static class PreviewApi
{
    /// <summary>The previewed lead's profile with its earlier attempts and notes.</summary>
    public sealed record Preview(string AgentId, string CampaignId, Lead Lead, IReadOnlyList<CallSnapshot> PreviousAttempts);

    public sealed record PreviewDialed(string CallId);

    public sealed record SkipRequest([property: TextLimit(TextLimits.Code)] string? Reason = null, DateTimeOffset? CallbackAt = null);

    public static IEndpointRouteBuilder MapPreviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/agents/{id}/preview").WithTags("Agents").ProducesUnavailable();
        api.MapGet("", GetPreviewAsync).WithName("GetPreview").WithSummary("The lead reserved for this Ready agent (204 while none is callable)")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("dial", DialAsync).WithName("DialPreview").WithSummary("Dial the previewed lead")
            .ProducesInvalid().ProducesNotFound().ProducesConflict();
        api.MapPost("skip", SkipAsync).WithName("SkipPreview").WithSummary("Skip the previewed lead (optionally as a callback)")
            .ProducesBodyProblems().ProducesNotFound().ProducesConflict();
        return app;
    }

    public static async Task<Results<Ok<Preview>, NoContent>> GetPreviewAsync(string id, IGrainFactory grains, LeadStore leads, CallRecordStore records)
    {
        var campaignId = await ReadyCampaignAsync(grains, id);
        var leadId = await grains.GetGrain<ICampaignGrain>(campaignId).GetPreviewAsync(id);
        if (leadId is not { } value) return TypedResults.NoContent();
        var lead = await leads.GetAsync(value) ?? throw new EntityNotFoundException("Lead", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return TypedResults.Ok(new Preview(id, campaignId, lead, await records.ListAsync(new CallRecordQuery(LeadId: value, Limit: 100))));
    }

    public static async Task<Ok<PreviewDialed>> DialAsync(string id, IGrainFactory grains)
    {
        var campaignId = await ReadyCampaignAsync(grains, id);
        return TypedResults.Ok(new PreviewDialed(await grains.GetGrain<ICampaignGrain>(campaignId).DialPreviewAsync(id)));
    }

    public static async Task<NoContent> SkipAsync(string id, SkipRequest? body, IGrainFactory grains)
    {
        var campaignId = await ReadyCampaignAsync(grains, id);
        await grains.GetGrain<ICampaignGrain>(campaignId).SkipPreviewAsync(id, body?.Reason, body?.CallbackAt);
        return TypedResults.NoContent();
    }

    private static async Task<string> ReadyCampaignAsync(IGrainFactory grains, string agentId)
    {
        var agent = await grains.GetGrain<IAgentGrain>(agentId).GetAsync();
        if (agent.Status != AgentStatus.Ready || agent.CampaignId is null)
            throw new InvalidTransitionException("Agent", agentId, agent.Status.ToString(), "preview leads (mark Ready first)");
        return agent.CampaignId;
    }
}
