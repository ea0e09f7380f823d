using ContactCenter.Api.Problems;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Calls;

public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/calls").WithTags("Calls");
        api.MapGet("", ListCallsAsync).WithName("ListCalls").WithSummary("Live calls (state=active) or call detail records (state=completed)");
        api.MapGet("{id}", GetCallAsync).WithName("GetCall").WithSummary("One call, live or finished");
        api.MapGet("{id}/conversation", GetConversationAsync).WithName("GetCallConversation").WithSummary("The AI agent's conversation on a Broadcast call: summary, sentiment, disposition, intents, slots, transcript");
        api.MapPost("{id}/hangup", HangUpAsync).WithName("HangUpCall").WithSummary("End a live call");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CallSnapshot>>> ListCallsAsync(IGrainFactory grains, CallRecordStore records, string? state, string? campaignId, int? limit)
    {
        state = string.IsNullOrWhiteSpace(state) ? "active" : state.Trim().ToLowerInvariant();
        Problem.Require(state is "active" or "completed", "state", "Use active or completed.");
        Problem.Require(limit is null or (>= 1 and <= 1000), "limit", "Between 1 and 1000.");
        if (state == "completed") return TypedResults.Ok(await records.ListAsync(campaignId, limit ?? 100));

        // Live calls are grains; each campaign knows its calls in flight.
        var campaignIds = campaignId is not null
            ? [campaignId]
            : (await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync()).Select(e => e.Id).ToList();
        var callIds = new List<string>();
        foreach (var id in campaignIds) callIds.AddRange(await grains.GetGrain<ICampaignGrain>(id).GetActiveCallIdsAsync());
        var calls = await Task.WhenAll(callIds.Take(limit ?? 1000).Select(id => grains.GetGrain<ICallGrain>(id).GetAsync()));
        return TypedResults.Ok<IReadOnlyList<CallSnapshot>>(calls.Where(c => c.IsLive).ToList());
    }

    public static async Task<Ok<CallSnapshot>> GetCallAsync(string id, IGrainFactory grains, CallRecordStore records)
    {
        try
        {
            return TypedResults.Ok(await grains.GetGrain<ICallGrain>(id).GetAsync());
        }
        catch (EntityNotFoundException)
        {
            return TypedResults.Ok(await records.GetAsync(id) ?? throw new EntityNotFoundException("Call", id));
        }
    }

    public static async Task<ContentHttpResult> GetConversationAsync(string id, CallRecordStore records, CancellationToken ct)
    {
        var details = await records.GetDetailsAsync(id, ct) ?? throw new EntityNotFoundException("Conversation of call", id);
        return TypedResults.Content(details, "application/json");
    }

    public static async Task<Accepted> HangUpAsync(string id, IGrainFactory grains)
    {
        await grains.GetGrain<ICallGrain>(id).HangUpAsync();
        return TypedResults.Accepted($"/api/calls/{id}");
    }
}
