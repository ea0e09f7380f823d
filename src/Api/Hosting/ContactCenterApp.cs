using System.Text.Json.Serialization;
using ContactCenter.Api.Access;
using ContactCenter.Api.Accounts;
using ContactCenter.Api.AgentScripts;
using ContactCenter.Api.Agents;
using ContactCenter.Api.Calls;
using ContactCenter.Api.Campaigns;
using ContactCenter.Api.Common;
using ContactCenter.Api.Dashboard;
using ContactCenter.Api.Events;
using ContactCenter.Api.Health;
using ContactCenter.Api.Dnc;
using ContactCenter.Api.Leads;
using ContactCenter.Api.Leads.Imports;
using ContactCenter.Api.Problems;
using ContactCenter.Api.Reports;
using ContactCenter.Api.Trunks;
using ContactCenter.Api.Web;
using ContactCenter.Silo.Hosting;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace ContactCenter.Api.Hosting;

/// <summary>Builds the API node: database bootstrap, Orleans (co-hosted silo or client), endpoints.</summary>
public static class ContactCenterApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string OrleansDashboardPath = "/orleans";

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // The content root is where the optional appsettings files are looked for and watched, and the
        // watch is recursive. Left at the working directory it would be the checkout, whose .data
        // folder holds the local PostgreSQL: every page it writes would wake the watcher (it cost
        // seconds of CPU per million imported leads). The app's own folder changes only on deploys.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls(DefaultUrl);

        var options = builder.AddContactCenterOptions();
        builder.AddRequestLimits();

        using (var bootLoggers = LoggerFactory.Create(l => l.AddConsole()))
        {
            var (connectionString, localServer) = await DatabaseBootstrap.PrepareAsync(builder.Configuration, bootLoggers, cancellationToken);
            if (localServer is not null) builder.Services.AddSingleton(localServer);
            if (options.IsClient)
            {
                builder.UseOrleansClient(client => client.AddContactCenterClient(connectionString, options));
                builder.Services.AddContactCenterServices(connectionString);
            }
            else
            {
                builder.UseOrleans(silo => silo.AddContactCenter(connectionString, options));
            }
        }

        builder.AddAccounts();
        RestrictHosts(builder);
        builder.Services.AddLeadImports();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        // After the domain handler: an unavailable cluster or database is 503, not 500.
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.Services.AddSingleton<GrainFanOut>();
        builder.Services.AddFloorFeed();
        // A value that cannot be bound (leadId=x, malformed JSON) then says which and why in the
        // problem details; otherwise minimal APIs answer a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer<OpenApiSecurityTransformer>();
            openApi.AddOperationTransformer<OpenApiSecurityTransformer>();
        });
        if (options.Metrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddContactCenterMeters()
                .AddPrometheusExporter());
        }
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseRequestLimits();
        app.UseStatusCodePages();
        app.UseWebUi();
        app.UseAccounts();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthApi();
        if (options.Metrics) app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapAccountsApis();
        app.MapAgentsApi();
        app.MapPreviewApi();
        app.MapCampaignsApi();
        app.MapListsApi();
        app.MapLeadsApi();
        app.MapDialAuditApi();
        app.MapSafeHarborAudioApi();
        app.MapImportsApi();
        app.MapDncApi();
        app.MapCallsApi();
        app.MapReportsApi();
        app.MapDashboardApi();
        app.MapEventsApi();
        // Orleans' own dashboard, for admins (the access table has no line for it); /dashboard is the wallboard's.
        if (options.Dashboard) app.MapOrleansDashboard(OrleansDashboardPath);
        app.MapAgentScriptsApi();
        app.MapTrunksApi();
        app.MapWebUi();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
                app.Logger.LogInformation("Contact center API listening on {Url} (API reference: {Url}/scalar, OpenAPI: {Url}/openapi/v1.json)", url, url, url);
            var admin = app.Services.GetRequiredService<AdminBootstrap>();
            app.Logger.LogInformation("Sign in as 'admin' (POST /api/auth/login); a generated first password is in {PasswordFile}", admin.PasswordFile());
        });
        return app;
    }

    /// <summary>
    /// Answers only requests addressed to this host's names (DNS rebinding: a foreign page whose
    /// name resolves to 127.0.0.1 must not reach the API). Unless AllowedHosts is configured, that
    /// is loopback and the names in the URLs the node listens on; a node on a wildcard address
    /// needs AllowedHosts set to the names clients use.
    /// </summary>
    private static void RestrictHosts(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"])) return;
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && uri.Host is not ("wildcard" or "0.0.0.0" or "[::]"))
                hosts.Add(uri.Host);
        }
        builder.Configuration["AllowedHosts"] = string.Join(';', hosts.Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
