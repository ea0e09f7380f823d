using System.Collections.Concurrent;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Api.Tests.Hosting;

/// <summary>
/// ASP.NET Core logs every request at Information; the product ships with that category at Warning
/// (appsettings.json next to the API), and a setting turns it back on.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLoggingTests(ApiServer server)
{
    [Fact]
    public async Task Requests_AreNotLoggedByDefault_WhileTheProductLogsAtInformation()
    {
        var logs = new ListLoggerProvider();
        var url = $"http://127.0.0.1:{ApiServer.FreePort()}";
        var connectionString = await server.Postgres.CreateDatabaseAsync("request_logging_" + Guid.NewGuid().ToString("N")[..8]);
        var app = await ContactCenterApp.BuildAsync([], b =>
        {
            b.Configuration.AddInMemoryCollection(ApiServer.Settings(connectionString, url, "Silo"));
            // The test settings quieten everything to Warning; put back what the shipped settings say.
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" });
            b.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            for (var i = 0; i < 5; i++)
            {
                (await http.GetAsync("/health/live")).EnsureSuccessStatusCode();
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Contact center API listening on", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    [Fact]
    public void ShippedSettings_KeepAspNetCoreAtWarning_AndASettingTurnsItOn()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        Assert.True(File.Exists(shipped), $"{shipped} is missing: the API project should copy its appsettings.json to its output.");

        static bool Logs(IConfiguration configuration, string category, LogLevel level)
        {
            using var factory = LoggerFactory.Create(l => l.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new ListLoggerProvider()));
            return factory.CreateLogger(category).IsEnabled(level);
        }

        var byDefault = new ConfigurationBuilder().AddJsonFile(shipped).Build();
        Assert.False(Logs(byDefault, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information));
        Assert.True(Logs(byDefault, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        Assert.True(Logs(byDefault, "ContactCenter.Grains.Campaigns.CampaignGrain", LogLevel.Information));

        var switchedOn = new ConfigurationBuilder().AddJsonFile(shipped)
            .AddCommandLine(["--Logging:LogLevel:Microsoft.AspNetCore=Information"]).Build();
        Assert.True(Logs(switchedOn, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => provider.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
