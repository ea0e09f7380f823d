using Microsoft.AspNetCore.Antiforgery;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// A write made with the session cookie must carry the antiforgery token (header X-XSRF-TOKEN) that
/// the sign-in handed to the page. SameSite=Strict already keeps the cookie off cross-site requests;
/// the token also refuses a cross-site form post (a multipart import is a "simple" request a foreign
/// page can send) should a browser or proxy not honour SameSite. API keys are not sent by browsers
/// on their own and need no token.
/// </summary>
public sealed class CookieAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (NeedsToken(http))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                await AuthProblems.WriteAsync(http, AuthProblems.Forbidden(
                    $"A write with the session cookie needs the antiforgery token in the {AuthApi.AntiforgeryHeader} header (the {AuthApi.AntiforgeryCookie} cookie, or GET /api/auth/antiforgery)."));
                return;
            }
        }
        await next(http);
    }

    private static bool NeedsToken(HttpContext http)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)) return false;
        if (http.User.Identity is not { IsAuthenticated: true, AuthenticationType: AuthSchemes.Session }) return false;
        // Signing in and out need no token: the first has no session yet, the second only ends one.
        return !(http.Request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.Equals("/api/auth/logout", StringComparison.OrdinalIgnoreCase));
    }
}
