using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Hosting;
using ContactCenter.Api.Tests.Support;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ContactCenter.Api.Tests;

/// <summary>The API as an Orleans client of a separately started silo, found through PostgreSQL clustering.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientModeTests(ApiServer server)
{
    [Fact]
    public async Task ClientMode_ApiWithoutSilo_ServesGrainsOfSeparateSilo()
    {
        var connectionString = await server.Postgres.CreateDatabaseAsync("client_mode_" + Guid.NewGuid().ToString("N")[..8]);
        var clusterId = "client-mode-" + Guid.NewGuid().ToString("N")[..8];

        var siloSettings = ApiServer.Settings(connectionString, "http://127.0.0.1:0", "Silo", clusterId);
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Configuration.AddInMemoryCollection(siloSettings);
        await ContactCenter.Silo.Database.DatabaseMigrator.MigrateAsync(connectionString);
        var options = siloBuilder.Configuration.GetSection(ContactCenterOptions.Section).Get<ContactCenterOptions>()!;
        siloBuilder.UseOrleans(silo => silo.AddContactCenter(connectionString, options));
        using var silo = siloBuilder.Build();
        await silo.StartAsync();

        var url = $"http://127.0.0.1:{ApiServer.FreePort()}";
        var apiSettings = ApiServer.Settings(connectionString, url, "Client", clusterId);
        await using var api = await ContactCenterApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(apiSettings));
        await api.StartAsync();
        try
        {
            using var http = await TestAccounts.AdminClientAsync(new Uri(url));
            var created = await http.PostAsJsonAsync("/api/agents", new { name = "Remote", id = "remote-1" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var agent = JsonNode.Parse(await http.GetStringAsync("/api/agents/remote-1"))!;
            Assert.Equal("Remote", agent["name"]!.GetValue<string>());
            var ready = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/dashboard")).StatusCode);
            // The Orleans dashboard is off unless configured (the shared test server turns it on).
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/orleans")).StatusCode);
        }
        finally
        {
            await api.StopAsync();
            await silo.StopAsync();
        }
    }
}
