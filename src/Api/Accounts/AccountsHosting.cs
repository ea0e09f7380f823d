using System.Globalization;
using System.Threading.RateLimiting;
using ContactCenter.Api.Access;
using ContactCenter.Api.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactCenter.Api.Accounts;

/// <summary>
/// Accounts on ASP.NET Core's own parts: cookie authentication for browsers, a bearer scheme for
/// API keys, one authorization policy that reads <see cref="AccessRules"/> for every endpoint,
/// antiforgery for cookie writes, the rate limiter, Data Protection keys in PostgreSQL, the audit trail.
/// </summary>
public static class AccountsHosting
{
    public const string DataProtectionApplication = "contact-center";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => o.Password is null || Passwords.Refusal(o.Password) is null, $"ContactCenter:Admin:Password must have {Passwords.MinLength}-{Passwords.MaxLength} characters.")
            .ValidateOnStart();
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<AuditStore>();
        services.AddSingleton<SessionCookieEvents>();
        services.AddSingleton<AdminBootstrap>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminBootstrap>());

        // Every node encrypts cookies and antiforgery tokens with the same keys, kept in the database.
        services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresKeyRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        // The key ring sits in a database only the product's role can read; an XML encryptor on top
        // would need a secret kept somewhere else, so Data Protection's warning about it is expected.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        services.AddAuthentication(AuthSchemes.Either)
            .AddPolicyScheme(AuthSchemes.Either, "Session cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith(ApiKeyAuthenticationHandler.BearerPrefix, StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.ApiKey : AuthSchemes.Session)
            .AddCookie(AuthSchemes.Session, o =>
            {
                o.Cookie.Name = AuthSchemes.SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(AuthSchemes.Session)
            .Configure<IOptions<AccountOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = TimeSpan.FromHours(accounts.Value.SessionHours));

        // One policy for every endpoint, with or without [Authorize]: the access table decides.
        var access = new AuthorizationPolicyBuilder().AddRequirements(new AccessRequirement()).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(access)
            .SetFallbackPolicy(access)
            .AddPolicy(AccessRequirement.Policy, access);
        services.AddSingleton<IAuthorizationHandler, AccessHandler>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = AuthApi.AntiforgeryHeader;
            o.Cookie.Name = "cc.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(ConfigureRateLimits);
        return builder;
    }

    /// <summary>Authentication, the audit trail, rate limits, authorization and antiforgery, in that order.</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        // After authentication (it names the actor), before authorization (refusals are audited too).
        app.UseMiddleware<AuditLog>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgery>();
        return app;
    }

    public static IEndpointRouteBuilder MapAccountsApis(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapApiKeysApi();
        app.MapAuditApi();
        return app;
    }

    private static void ConfigureRateLimits(RateLimiterOptions o)
    {
        o.OnRejected = async (context, _) =>
        {
            var http = context.HttpContext;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await AuthProblems.WriteAsync(http, new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This kind of request is limited per minute; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
            });
        };
        o.AddPolicy(AuthApi.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            "login:" + http.Connection.RemoteIpAddress,
            _ => PerMinute(Limits(http).LoginsPerAddressPerMinute)));
        // Imports and exports are the heavy requests: limited per user or key, whoever sends them.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var kind = HeavyKind(http);
            if (kind is null) return RateLimitPartition.GetNoLimiter("");
            var who = http.User.Identity?.Name ?? "anonymous:" + http.Connection.RemoteIpAddress;
            var limit = kind == "imports" ? Limits(http).ImportsPerMinute : Limits(http).ExportsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(kind + ":" + who, _ => PerMinute(limit));
        });
    }

    /// <summary>"imports" for a started import, "exports" for a CSV export, null for the rest.</summary>
    private static string? HeavyKind(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint) return null;
        var route = AccessRules.Normalize(endpoint.RoutePattern.RawText ?? "");
        if (HttpMethods.IsPost(http.Request.Method) && route.EndsWith("/imports", StringComparison.Ordinal)) return "imports";
        if (HttpMethods.IsGet(http.Request.Method) && (route.EndsWith("/export", StringComparison.Ordinal) || route.EndsWith("/errors", StringComparison.Ordinal))) return "exports";
        return null;
    }

    private static AccountOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value;

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
