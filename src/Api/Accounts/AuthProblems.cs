using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Api.Accounts;

/// <summary>The 401 and 403 answers, as RFC 9457 problem details for every way in.</summary>
public static class AuthProblems
{
    public const string ForbiddenReasonKey = "cc.forbidden-reason";

    public static Task WriteUnauthorizedAsync(HttpContext http) => WriteAsync(http, new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Authentication required.",
        Detail = "Sign in (POST /api/auth/login) or send an API key as 'Authorization: Bearer <key>'.",
    });

    public static Task WriteForbiddenAsync(HttpContext http) => WriteAsync(http, Forbidden(
        http.Items[ForbiddenReasonKey] as string ?? "Your role does not allow this operation."));

    public static ProblemDetails Forbidden(string detail) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Not allowed.",
        Detail = detail,
    };

    public static async Task WriteAsync(HttpContext http, ProblemDetails problem)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
