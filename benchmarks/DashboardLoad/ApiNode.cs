using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ContactCenter.Api.Hosting;
using ContactCenter.Silo.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// The real API with its co-hosted silo, in this process, on a free loopback port, against a
/// throwaway PostgreSQL; the benchmark talks to it over HTTP with API keys, as an integration does.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private const string AdminPassword = "dashboard-load-benchmark-admin";

    private readonly LocalPostgresServer postgres;
    private readonly WebApplication app;

    private ApiNode(LocalPostgresServer postgres, WebApplication app, string connectionString, Uri baseAddress)
    {
        this.postgres = postgres;
        this.app = app;
        ConnectionString = connectionString;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public string ConnectionString { get; }

    /// <summary>The node's services (grain factory, JSON options), for the in-process breakdown.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The folder of the throwaway PostgreSQL (its postmaster.pid is under it).</summary>
    public string PostgresRoot => postgres.RootDirectory;

    public static async Task<ApiNode> StartAsync()
    {
        var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "cc-dashboard-load-" + Guid.NewGuid().ToString("N")[..8]),
            Throwaway = true,
        });
        var connectionString = await postgres.CreateDatabaseAsync("dashboard_load");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ContactCenter"] = connectionString,
            ["urls"] = baseAddress.ToString(),
            ["ContactCenter:Mode"] = "Silo",
            ["ContactCenter:ClusterId"] = "dashboard-load",
            ["ContactCenter:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["ContactCenter:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["ContactCenter:Dashboard"] = "false",
            ["ContactCenter:Admin:Password"] = AdminPassword,
            // Setting the floor up imports one list per campaign within a minute.
            ["ContactCenter:Accounts:ImportsPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = await ContactCenterApp.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        return new ApiNode(postgres, app, connectionString, baseAddress);
    }

    /// <summary>Signs in as admin (session cookie + antiforgery header) and issues a key of <paramref name="role"/> (no campaign scope).</summary>
    public async Task<string> IssueKeyAsync(string role)
    {
        var cookies = new CookieContainer();
        using var session = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        using var login = await session.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = cookies.GetCookies(BaseAddress)["XSRF-TOKEN"]?.Value ?? throw new InvalidOperationException("Sign-in set no XSRF-TOKEN cookie.");
        session.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        using var issued = await session.PostAsJsonAsync("/api/api-keys", new { name = "dashboard benchmark " + role, role });
        issued.EnsureSuccessStatusCode();
        return JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }

    /// <summary>A client sending <paramref name="key"/> as its bearer token; connections are kept and not capped.</summary>
    public HttpClient Client(string key, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = int.MaxValue };
        var http = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await postgres.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
