using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Silo.Hosting;

/// <summary>Settings of a silo or API node (section "ContactCenter").</summary>
public sealed class ContactCenterOptions
{
    public const string Section = "ContactCenter";

    /// <summary>Orleans cluster id; every silo and client of one deployment shares it.</summary>
    [Required] public string ClusterId { get; set; } = "contact-center";

    /// <summary>Orleans service id; keeps grain state and reminders stable across deployments.</summary>
    [Required] public string ServiceId { get; set; } = "contact-center";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (a separately run API) use to reach the silo.</summary>
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one on.</summary>
    [Required] public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>"Silo" hosts grains in this process (default); "Client" joins a separately started silo cluster.</summary>
    [RegularExpression("^(Silo|Client)$")] public string Mode { get; set; } = "Silo";

    /// <summary>Where the project-local PostgreSQL keeps its data when no connection string is configured.</summary>
    [Required] public string DataDirectory { get; set; } = ".data/pg";

    /// <summary>"Simulated" (default, no network) or "Sip" (the SIP trunk of the telephony section).</summary>
    [RegularExpression("^(Simulated|Sip)$")] public string Telephony { get; set; } = "Simulated";

    /// <summary>
    /// The Orleans dashboard (grain counts, call rates, silo health) at /dashboard of the API. Off
    /// unless asked for: it has no authentication of its own, and it holds its web assets in memory,
    /// about 77 MB of a node's heap (94 MB resident with its assembly; measured 2026-11-24).
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>
    /// Serves OpenTelemetry metrics for Prometheus at /metrics of the API: the dialer's (attempts by
    /// outcome, connects, abandons, hopper claims), Orleans', Npgsql's, ASP.NET Core's and the runtime's.
    /// </summary>
    public bool Metrics { get; set; } = true;

    /// <summary>A silo started on its own serves its metrics on this port (at /metrics of <see cref="SiloMetricsAddress"/>); none when unset.</summary>
    [Range(1, 65535)] public int? SiloMetricsPort { get; set; }

    /// <summary>
    /// Where a silo started on its own listens for metrics scrapes. Loopback unless set: the endpoint
    /// has no authentication, and the silo's <see cref="AdvertisedAddress"/> is one other machines
    /// reach. For a Prometheus on another machine, give this host's own address.
    /// </summary>
    [Required] public string SiloMetricsAddress { get; set; } = "127.0.0.1";

    public bool IsClient => string.Equals(Mode, "Client", StringComparison.OrdinalIgnoreCase);
}
