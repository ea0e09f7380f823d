using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ContactCenter.Silo.Hosting;

/// <summary>The meters a contact-center node exports: the dialer's and those of the parts it stands on.</summary>
public static class ContactCenterMetrics
{
    public static readonly string[] Meters =
    [
        ContactCenter.Grains.Campaigns.DialerMetrics.MeterName, "Microsoft.Orleans", "Npgsql",
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime",
    ];

    /// <summary>
    /// A silo without the API (started on its own) serves its metrics for Prometheus at
    /// http://{AdvertisedAddress}:{port}/metrics, where its dialer's figures are.
    /// </summary>
    public static IServiceCollection AddSiloMetricsEndpoint(this IServiceCollection services, string address, int port)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Meters)
            .AddPrometheusHttpListener(o =>
            {
                o.Host = address;
                o.Port = port;
            }));
        return services;
    }
}
