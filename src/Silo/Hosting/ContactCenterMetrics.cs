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
    /// The meters, each stream holding at most 200 tag combinations (OpenTelemetry reserves 2,000
    /// per instrument up front, and Orleans alone has dozens of instruments), except the dialer's,
    /// tagged by campaign and outcome, which keep the default.
    /// </summary>
    public static MeterProviderBuilder AddContactCenterMeters(this MeterProviderBuilder metrics) => metrics
        .AddMeter(Meters)
        .AddView(instrument => new MetricStreamConfiguration
        {
            CardinalityLimit = instrument.Meter.Name == ContactCenter.Grains.Campaigns.DialerMetrics.MeterName ? 2000 : 200,
        });

    /// <summary>
    /// A silo without the API (started on its own) serves its metrics for Prometheus at
    /// http://{address}:{port}/metrics, where its dialer's figures are; the silo's host passes
    /// <see cref="ContactCenterOptions.SiloMetricsAddress"/>, loopback unless configured.
    /// </summary>
    public static IServiceCollection AddSiloMetricsEndpoint(this IServiceCollection services, string address, int port)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddContactCenterMeters()
            .AddPrometheusHttpListener(o =>
            {
                o.Host = address;
                o.Port = port;
            }));
        return services;
    }
}
