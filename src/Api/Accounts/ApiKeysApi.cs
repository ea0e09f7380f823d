using ContactCenter.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Accounts;

/// <summary>Admins issue and revoke keys for REST clients and integrations.</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/api-keys").WithTags("Accounts");
        api.MapGet("", ListAsync).WithName("ListApiKeys").WithSummary("Every key with its name, role, scope and first characters (never the key)");
        api.MapPost("", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Issue a key with a role and an optional campaign scope; the key is shown in this answer only")
            .ProducesValidationProblem();
        api.MapDelete("{id:long}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke a key; requests with it fail at once")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<List<ApiKeyRecord>>> ListAsync(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(ct));

    public static async Task<Created<CreatedApiKey>> CreateAsync(CreateApiKeyRequest? body, ApiKeyStore keys, IGrainFactory grains, HttpContext http, CancellationToken ct)
    {
        body = Problem.RequireBody(body);
        var name = body.Name?.Trim() ?? "";
        Problem.Require(name.Length is > 0 and <= 100 && !name.Any(char.IsControl), "name", "A key's name has 1-100 printable characters.");
        var role = AccountRules.Role(body.Role);
        var agentId = await AccountRules.AgentIdAsync(role, body.AgentId, grains);
        var campaigns = AccountRules.CampaignIds(body.CampaignIds);
        var (record, key) = await keys.CreateAsync(name, role, agentId, campaigns, http.User.Identity?.Name ?? "", ct);
        return TypedResults.Created($"/api/api-keys/{record.Id}", new CreatedApiKey(record.Id, key));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long id, ApiKeyStore keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "API key not found.", detail: $"There is no key {id}.", statusCode: 404);
}
