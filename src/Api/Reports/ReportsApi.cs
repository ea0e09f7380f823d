using ContactCenter.Api.Calls;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Calls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Reports;

/// <summary>Supervisor reports summed from the call detail records of a period.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reports").WithTags("Reports").ProducesUnavailable();
        api.MapGet("agents", AgentsAsync).WithName("AgentReport")
            .WithSummary("Per agent (optionally of one campaign), from/to: attempts, answered, answer rate, talk time, outcomes and dispositions")
            .ProducesInvalid();
        api.MapGet("campaigns", CampaignsAsync).WithName("CampaignReport")
            .WithSummary("Per campaign (optionally one campaign or agent), from/to: attempts, answered, answer rate, ring and talk time, outcomes and dispositions")
            .ProducesInvalid();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CallSummary>>> AgentsAsync(CallRecordStore records, string? campaignId, string? agentId, string? from, string? to, CancellationToken ct) =>
        TypedResults.Ok(await records.SummarizeByAgentAsync(CallsApi.RecordQuery(campaignId, agentId, null, null, null, from, to, before: null, limit: 0), ct));

    public static async Task<Ok<IReadOnlyList<CallSummary>>> CampaignsAsync(CallRecordStore records, string? campaignId, string? agentId, string? from, string? to, CancellationToken ct) =>
        TypedResults.Ok(await records.SummarizeByCampaignAsync(CallsApi.RecordQuery(campaignId, agentId, null, null, null, from, to, before: null, limit: 0), ct));
}
