using ContactCenter.Api.Problems;
using ContactCenter.Grains.Trunks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Trunks;

public static class TrunksApi
{
    public static IEndpointRouteBuilder MapTrunksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/trunks").WithTags("Trunks").ProducesUnavailable();
        api.MapGet("{name}", GetUsageAsync).WithName("GetTrunkUsage").WithSummary("Capacity of a trunk and the Broadcast calls holding its channels, per campaign")
            .ProducesInvalid();
        return app;
    }

    public static async Task<Ok<TrunkUsage>> GetUsageAsync(string name, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ITrunkGrain>(name).GetUsageAsync());
}
