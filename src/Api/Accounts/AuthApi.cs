using System.Security.Claims;
using ContactCenter.Api.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Accounts;

/// <summary>Signing in and out of a browser session, and who the caller is.</summary>
public static class AuthApi
{
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";
    /// <summary>Readable by the page's script (unlike the session cookie), which echoes it in <see cref="AntiforgeryHeader"/>.</summary>
    public const string AntiforgeryCookie = "XSRF-TOKEN";
    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").WithTags("Accounts");
        api.MapPost("login", LoginAsync).WithName("Login")
            .WithSummary("Sign in: sets an HTTP-only session cookie and the XSRF-TOKEN cookie for writes")
            .RequireRateLimiting(LoginRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("logout", (Delegate)LogoutAsync).WithName("Logout").WithSummary("End the browser session");
        api.MapGet("me", Me).WithName("GetMe").WithSummary("The signed-in user or key: name, role and agent");
        api.MapGet("antiforgery", Antiforgery).WithName("GetAntiforgeryToken")
            .WithSummary("A fresh antiforgery token for a browser session's writes (send it as X-XSRF-TOKEN)");
        return app;
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(
        LoginCredentials? body, HttpContext http, UserStore users, IAntiforgery antiforgery, IOptions<AccountOptions> options, TimeProvider clock)
    {
        var username = body?.Username?.Trim();
        var password = body?.Password;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || username.Length > 64 || password.Length > Passwords.MaxLength)
            return TypedResults.Problem(title: "The request is invalid.", detail: "Give a username (at most 64 characters) and a password.", statusCode: 400);
        AuditLog.NameActor(http, username);

        var user = await users.FindAsync(username, http.RequestAborted);
        var now = clock.GetUtcNow();
        if (user is null)
        {
            Passwords.VerifyDecoy(password);
            return WrongCredentials();
        }
        if (user.LockedUntil > now) return Locked(http, user.LockedUntil.Value, now, options.Value);

        var (matches, rehashed) = Passwords.Verify(user.PasswordHash, password);
        if (!matches)
        {
            var lockedUntil = await users.RecordFailedLoginAsync(user.Username, options.Value.MaxFailedLogins, now.AddMinutes(options.Value.LockoutMinutes), http.RequestAborted);
            return lockedUntil is { } until ? Locked(http, until, now, options.Value) : WrongCredentials();
        }
        if (user.Disabled)
            return TypedResults.Problem(title: "The account is disabled.", detail: "Ask an admin to enable it.", statusCode: 401);
        await users.RecordSuccessfulLoginAsync(user.Username, rehashed, http.RequestAborted);

        var principal = AccountClaims.Create(AuthSchemes.Session, "user", user.Username, user.Role, user.AgentId, user.CampaignIds, user.SecurityStamp.ToString());
        await http.SignInAsync(AuthSchemes.Session, principal, new AuthenticationProperties { IsPersistent = false });
        // The antiforgery token is bound to the user, so it is made for the principal just signed in.
        http.User = principal;
        IssueAntiforgeryToken(http, antiforgery);
        return TypedResults.Ok(new MeResponse(user.Username, user.Role, user.AgentId));
    }

    public static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(AuthSchemes.Session);
        http.Response.Cookies.Delete(AntiforgeryCookie);
        return TypedResults.NoContent();
    }

    public static Ok<MeResponse> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new MeResponse(user.Identity?.Name ?? "", user.RoleOf() ?? "", user.AgentIdOf()));

    public static Ok<AntiforgeryTokenResponse> Antiforgery(HttpContext http, IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryTokenResponse(IssueAntiforgeryToken(http, antiforgery), AntiforgeryHeader));

    private static string IssueAntiforgeryToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var token = tokens.RequestToken!;
        http.Response.Cookies.Append(AntiforgeryCookie, token, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });
        return token;
    }

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(title: "Sign-in failed.", detail: "The username or password is wrong.", statusCode: 401);

    private static ProblemHttpResult Locked(HttpContext http, DateTimeOffset until, DateTimeOffset now, AccountOptions options)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "The account is locked.",
            detail: $"Locked for {options.LockoutMinutes} minutes after {options.MaxFailedLogins} wrong passwords in a row; try again in {seconds} s or ask an admin to reset the password.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}
