using System.Globalization;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>A silo process and its ports.</summary>
public sealed class SiloNode(string name, int siloPort, int gatewayPort, int metricsPort)
{
    public string Name { get; } = name;
    public int SiloPort { get; } = siloPort;
    public int GatewayPort { get; } = gatewayPort;
    public int MetricsPort { get; } = metricsPort;
    public ProductProcess Process { get; set; } = null!;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Process.Pid}, silo port {SiloPort})");
}
