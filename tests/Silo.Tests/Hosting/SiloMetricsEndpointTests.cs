using System.Net;
using System.Net.Sockets;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Silo.Hosting;
using ContactCenter.Telephony.Carrier;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContactCenter.Silo.Tests.Hosting;

public sealed class SiloMetricsEndpointTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ASiloOnItsOwn_ServesTheDialersMetricsForPrometheus()
    {
        var port = FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<DialerMetrics>();
        builder.Services.AddSiloMetricsEndpoint("127.0.0.1", port);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var dialer = host.Services.GetRequiredService<DialerMetrics>();
            dialer.CallEnded("spring", CallOutcome.Busy, wasConnected: false, wasAbandoned: false);
            dialer.CallEnded("spring", CallOutcome.Answered, wasConnected: true, wasAbandoned: false);
            dialer.Claimed("spring", 20, TimeSpan.FromMilliseconds(4));

            using var http = new HttpClient();
            var lines = (await http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Split('\n');
            Assert.Contains(lines, l => l.StartsWith("contact_center_call_attempts_total{", StringComparison.Ordinal)
                && l.Contains("campaign=\"spring\"", StringComparison.Ordinal) && l.Contains("outcome=\"Busy\"", StringComparison.Ordinal) && l.Split(' ')[1] == "1");
            Assert.Contains(lines, l => l.StartsWith("contact_center_call_connected_total{", StringComparison.Ordinal) && l.Split(' ')[1] == "1");
            Assert.Contains(lines, l => l.StartsWith("contact_center_hopper_leads_claimed_total{", StringComparison.Ordinal) && l.Split(' ')[1] == "20");
            Assert.Contains(lines, l => l.StartsWith("contact_center_hopper_claim_duration_seconds_count{", StringComparison.Ordinal) && l.Split(' ')[1] == "1");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
