using ContactCenter.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Accounts;

/// <summary>Admins manage who may sign in, with which role, as which agent and over which campaigns.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/users").WithTags("Accounts");
        api.MapGet("", ListAsync).WithName("ListUsers").WithSummary("Every user with role, agent and campaigns (never passwords)");
        api.MapPost("", CreateAsync).WithName("CreateUser").WithSummary("Add a user (admin, supervisor with its campaigns, or agent bound to its agent id)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("{username}", GetAsync).WithName("GetUser").WithSummary("One user").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("{username}", UpdateAsync).WithName("UpdateUser")
            .WithSummary("Change a user's password, role, agent, campaigns or disable it; its sessions end at once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("{username}", DeleteAsync).WithName("DeleteUser").WithSummary("Remove a user; its sessions end at once")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<List<UserResponse>>> ListAsync(UserStore users, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await users.ListAsync(ct)).Select(u => UserResponse.From(u, now)).ToList());
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string username, UserStore users, TimeProvider clock, CancellationToken ct) =>
        await users.FindAsync(username, ct) is { } user ? TypedResults.Ok(UserResponse.From(user, clock.GetUtcNow())) : NotFound(username);

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(CreateUserRequest? body, UserStore users, IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        body = Problem.RequireBody(body);
        var username = AccountRules.Username(body.Username);
        Problem.Require(Passwords.Refusal(body.Password) is null, "password", Passwords.Refusal(body.Password) ?? "");
        var role = AccountRules.Role(body.Role);
        var agentId = await AccountRules.AgentIdAsync(role, body.AgentId, grains);
        var campaigns = AccountRules.CampaignIds(body.CampaignIds);
        switch (await users.CreateAsync(username, Passwords.Hash(body.Password!), role, agentId, campaigns, ct))
        {
            case UserCreateResult.NameTaken:
                return TypedResults.Problem(title: "The username is taken.", detail: $"A user '{username}' exists (names compare without case).", statusCode: 409);
            case UserCreateResult.AgentTaken:
                return TypedResults.Problem(title: "The agent has an account.", detail: $"Another user works as agent '{agentId}'.", statusCode: 409);
        }
        var created = (await users.FindAsync(username, ct))!;
        return TypedResults.Created($"/api/users/{created.Username}", UserResponse.From(created, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(string username, UpdateUserRequest? body, UserStore users, IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        body = Problem.RequireBody(body);
        var user = await users.FindAsync(username, ct);
        if (user is null) return NotFound(username);
        if (body.Password is not null) Problem.Require(Passwords.Refusal(body.Password) is null, "password", Passwords.Refusal(body.Password) ?? "");
        var role = body.Role is null ? user.Role : AccountRules.Role(body.Role);
        var agentId = role == Roles.Agent && body.AgentId is null && user.AgentId is not null
            ? user.AgentId
            : await AccountRules.AgentIdAsync(role, body.AgentId, grains);
        var campaigns = body.CampaignIds is null ? null : AccountRules.CampaignIds(body.CampaignIds);
        var losesAdmin = user.Role == Roles.Admin && !user.Disabled && (role != Roles.Admin || body.Disabled == true);
        if (losesAdmin && await users.CountActiveAdminsAsync(ct) <= 1)
            return TypedResults.Problem(title: "The last admin stays.", detail: "Make another admin first: nobody could manage users otherwise.", statusCode: 409);
        try
        {
            await users.UpdateAsync(user.Username, body.Password is null ? null : Passwords.Hash(body.Password), role, agentId, campaigns, body.Disabled, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem(title: "The agent has an account.", detail: $"Another user works as agent '{agentId}'.", statusCode: 409);
        }
        return TypedResults.Ok(UserResponse.From((await users.FindAsync(user.Username, ct))!, clock.GetUtcNow()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string username, UserStore users, CancellationToken ct)
    {
        var user = await users.FindAsync(username, ct);
        if (user is null) return NotFound(username);
        if (user.Role == Roles.Admin && !user.Disabled && await users.CountActiveAdminsAsync(ct) <= 1)
            return TypedResults.Problem(title: "The last admin stays.", detail: "Make another admin first: nobody could manage users otherwise.", statusCode: 409);
        await users.DeleteAsync(user.Username, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string username) =>
        TypedResults.Problem(title: "User not found.", detail: $"There is no user '{username}'.", statusCode: 404);
}
