using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ContactCenter.Silo.Tests.Support;
using Npgsql;

namespace ContactCenter.Silo.Tests.Hosting;

/// <summary>
/// A silo started on its own (src/Silo), in a process of its own so that only its database pools
/// are in the scrape: what it serves at /metrics and where.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloProcessMetricsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task StandaloneSilo_ServesMetricsOnLoopbackOnly_WithoutTheConnectionString()
    {
        var connectionString = await postgres.CreateDatabaseAsync("silo_metrics");
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password!;
        var metricsPort = FreePort();
        var workDir = Directory.CreateTempSubdirectory("cc-silo-metrics-");
        var info = new ProcessStartInfo("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "ContactCenter.Silo.dll"),
            $"--ContactCenter:SiloPort={FreePort()}", $"--ContactCenter:GatewayPort={FreePort()}",
            $"--ContactCenter:SiloMetricsPort={metricsPort}", $"--ContactCenter:ClusterId=metrics-{Guid.NewGuid():N}",
        ])
        {
            WorkingDirectory = workDir.FullName,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // In the environment rather than on the command line, as a deployment would pass a password.
        info.Environment["ConnectionStrings__ContactCenter"] = connectionString;
        using var silo = Process.Start(info)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        silo.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        silo.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var scraped = await ScrapeWhenPoolsShowAsync(http, $"http://127.0.0.1:{metricsPort}/metrics", silo, output);

            // Npgsql tags each pool with its name, and with the connection string when it has none.
            Assert.Contains("db_client_connection_pool_name=\"orleans\"", scraped, StringComparison.Ordinal);
            Assert.DoesNotContain("password", scraped, StringComparison.OrdinalIgnoreCase);
            foreach (var fragment in (string[])[password, "Host=", "Username=", "Database=", "silo_metrics_"])
            {
                Assert.DoesNotContain(fragment, scraped, StringComparison.Ordinal);
            }

            // Loopback by default: not reachable on the machine's other addresses.
            foreach (var address in OtherAddresses())
            {
                await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync($"http://{address}:{metricsPort}/metrics"));
            }
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
            workDir.Delete(recursive: true);
        }
    }

    private static async Task<string> ScrapeWhenPoolsShowAsync(HttpClient http, string url, Process silo, IEnumerable<string> output)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(silo.HasExited, "the silo exited:" + Environment.NewLine + string.Join(Environment.NewLine, output));
            try
            {
                var text = await http.GetStringAsync(url);
                if (text.Contains("db_client_connection_pool_name", StringComparison.Ordinal))
                {
                    return text;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(90), "no Npgsql pool in the silo's metrics:" + Environment.NewLine + string.Join(Environment.NewLine, output));
            await Task.Delay(500);
        }
    }

    private static IEnumerable<IPAddress> OtherAddresses() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
