using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>: looks the key up by its hash on each request (so a
/// revoked key fails at once) and answers 401/403 as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = header[BearerPrefix.Length..].Trim();
        // A key is ASCII of a fixed shape; anything else cannot match and is not worth a query.
        if (key.Length is 0 or > 200 || !key.StartsWith(ApiKeySecret.Prefix, StringComparison.Ordinal))
            return AuthenticateResult.Fail("The API key is not valid.");
        var record = await keys.FindActiveAsync(key, Context.RequestAborted);
        if (record is null) return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        var principal = AccountClaims.Create(Scheme.Name, "key", "key:" + record.Id, record.Role, record.AgentId, record.CampaignIds);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return AuthProblems.WriteUnauthorizedAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.WriteForbiddenAsync(Context);
}
