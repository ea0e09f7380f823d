using System.Globalization;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>The API process and its ports.</summary>
public sealed class ApiNode(string mode, int httpPort, int siloPort, int gatewayPort)
{
    public string Mode { get; } = mode;
    public int HttpPort { get; } = httpPort;
    public int SiloPort { get; } = siloPort;
    public int GatewayPort { get; } = gatewayPort;
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}");
    public Uri BaseAddress => new(Url);
    public ProductProcess Process { get; set; } = null!;
}
