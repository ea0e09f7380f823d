using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace ContactCenter.Api.Health;

public static class HealthApi
{
    public sealed record HealthReport(string Status, string Database, string Cluster, string? Error = null);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("health").WithTags("Health");
        api.MapGet("live", () => TypedResults.Ok(new HealthReport("Healthy", "not checked", "not checked"))).WithName("Live").WithSummary("The process is up");
        api.MapGet("ready", ReadyAsync).WithName("Ready").WithSummary("PostgreSQL answers and the cluster serves grain calls")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> ReadyAsync(NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        string database = "Unhealthy", cluster = "Unhealthy";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var cmd = db.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            database = "Healthy";
            await grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync().WaitAsync(timeout.Token);
            cluster = "Healthy";
            return TypedResults.Ok(new HealthReport("Healthy", database, cluster));
        }
        catch (Exception ex)
        {
            return TypedResults.Json(new HealthReport("Unhealthy", database, cluster, ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
