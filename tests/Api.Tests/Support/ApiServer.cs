using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Api.Hosting;
using ContactCenter.Silo.Database;
using Microsoft.AspNetCore.Builder;

namespace ContactCenter.Api.Tests.Support;

/// <summary>
/// The real API (with its co-hosted silo) on a free loopback port, against a throwaway
/// PostgreSQL; tests talk to it over HTTP like any client would.
/// </summary>
public sealed class ApiServer : IAsyncLifetime
{
    private WebApplication? app;

    public LocalPostgresServer Postgres { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "cc-api-tests-" + Guid.NewGuid().ToString("N")),
            Throwaway = true,
        });
        ConnectionString = await Postgres.CreateDatabaseAsync("api_tests");
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        app = await ContactCenterApp.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(Settings(ConnectionString, BaseAddress.ToString(), "Silo", dashboard: true)));
        await app.StartAsync();
        Http = await TestAccounts.AdminClientAsync(BaseAddress);
        Http.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>The running node's services (its endpoints, stores), for tests that look inside.</summary>
    public IServiceProvider Services => app!.Services;

    /// <summary>A client with no credentials at all.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client with a fresh API key of <paramref name="role"/> (issued by the admin through the API).</summary>
    public async Task<HttpClient> ClientAsync(string role, string? agentId = null, IEnumerable<string>? campaignIds = null) =>
        TestAccounts.WithKey(BaseAddress, await TestAccounts.IssueKeyAsync(Http, role, agentId, campaignIds));

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    /// <summary>Configuration of one node: its URL, its own Orleans ports and cluster id per database.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string url, string mode, string? clusterId = null, bool dashboard = false) => new()
    {
        ["ContactCenter:Dashboard"] = dashboard ? "true" : "false",
        ["ConnectionStrings:ContactCenter"] = connectionString,
        ["urls"] = url,
        ["ContactCenter:Mode"] = mode,
        ["ContactCenter:ClusterId"] = clusterId ?? "api-tests-" + Guid.NewGuid().ToString("N")[..8],
        ["ContactCenter:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ContactCenter:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Default"] = "Warning",
        ["ContactCenter:Admin:Password"] = TestAccounts.AdminPassword,
        // Tests sign in and import far more often than people do.
        ["ContactCenter:Accounts:LoginsPerAddressPerMinute"] = "1000",
        ["ContactCenter:Accounts:ImportsPerMinute"] = "1000",
        ["ContactCenter:Accounts:ExportsPerMinute"] = "1000",
        // Imports check for a cancel request with each progress write; tests need no long wait.
        ["ContactCenter:Imports:ProgressIntervalMs"] = "100",
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiServer>
{
    public const string Name = "api";
}
