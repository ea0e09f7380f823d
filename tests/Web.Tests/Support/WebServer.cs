using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ContactCenter.Api.Hosting;
using ContactCenter.Silo.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace ContactCenter.Web.Tests.Support;

/// <summary>
/// The real API (co-hosted silo, simulated carrier) serving the built web UI on a free loopback
/// port against a throwaway PostgreSQL, and one headless Debian chromium driven by Playwright.
/// Tests set up data through the public REST API with an admin key and then use the pages like a person.
/// </summary>
public sealed class WebServer : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-for-web-tests";
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? app;
    private IPlaywright? playwright;

    public LocalPostgresServer Postgres { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>An admin API key client: what the tests prepare, they prepare like an integration would.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium; ./test.sh does it).");
        // Playwright must never fetch a browser of its own: Debian's is used.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        Postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "cc-web-tests-" + Guid.NewGuid().ToString("N")),
            Throwaway = true,
        });
        var connectionString = await Postgres.CreateDatabaseAsync("web_tests");
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        app = await ContactCenterApp.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(Settings(connectionString, BaseAddress)));
        await app.StartAsync();
        Admin = await AdminClientAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        Admin?.Dispose();
        if (app is not null) { await app.StopAsync(); await app.DisposeAsync(); }
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    /// <summary>A fresh browser profile (no cookies) at the desk size the pages are designed for.</summary>
    public async Task<BrowserSession> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(20_000);
        // Assertions wait as long as actions: on a loaded 2-core CI machine a page can take seconds to
        // hear a change, and the 5 s default turned that into failures that were not the product's.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(20_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>POSTs JSON with the admin key; fails the test on an unexpected status.</summary>
    public async Task<JsonElement> PostAsync(string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = body is null ? await Admin.PostAsync(path, null) : await Admin.PostAsJsonAsync(path, body);
        return await ReadAsync(response, $"POST {path}", expected);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        return await ReadAsync(response, $"GET {path}", HttpStatusCode.OK);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpClient> AdminClientAsync()
    {
        var cookies = new CookieContainer();
        using var session = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        using (var login = await session.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword }))
            await ReadAsync(login, "sign-in as admin", HttpStatusCode.OK);
        session.DefaultRequestHeaders.Add("X-XSRF-TOKEN", cookies.GetCookies(BaseAddress)["XSRF-TOKEN"]!.Value);
        using var issued = await session.PostAsJsonAsync("/api/api-keys", new { name = "web tests", role = "admin" });
        var key = (await ReadAsync(issued, "issuing the admin key", HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var admin = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return admin;
    }

    private static Dictionary<string, string?> Settings(string connectionString, Uri url) => new()
    {
        ["ConnectionStrings:ContactCenter"] = connectionString,
        ["urls"] = url.ToString().TrimEnd('/'),
        ["ContactCenter:Mode"] = "Silo",
        ["ContactCenter:Dashboard"] = "false",
        ["ContactCenter:ClusterId"] = "web-tests-" + Guid.NewGuid().ToString("N")[..8],
        ["ContactCenter:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ContactCenter:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Default"] = "Warning",
        ["ContactCenter:Admin:Password"] = AdminPassword,
        ["ContactCenter:Accounts:LoginsPerAddressPerMinute"] = "1000",
        ["ContactCenter:Accounts:ImportsPerMinute"] = "1000",
        ["ContactCenter:Accounts:ExportsPerMinute"] = "1000",
        ["ContactCenter:Imports:ProgressIntervalMs"] = "100",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebServer>
{
    public const string Name = "web";
}
