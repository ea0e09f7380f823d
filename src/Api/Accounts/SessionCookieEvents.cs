using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// Checks each session against the users table on every request: a deleted or disabled user, or
/// one whose password, role or scope changed since sign-in (a new security stamp), is signed out at
/// once instead of when the cookie expires. An API answers 401/403 instead of redirecting to a page.
/// </summary>
public sealed class SessionCookieEvents(UserStore users) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirst(AccountClaims.SecurityStamp)?.Value;
        var user = name is null ? null : await users.FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || !string.Equals(user.SecurityStamp.ToString(), stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Session);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteUnauthorizedAsync(context.HttpContext);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteForbiddenAsync(context.HttpContext);
}
