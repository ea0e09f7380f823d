using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// Finds the silo that hosts the campaign grain from each silo's Prometheus metrics: Orleans' gauge
/// <c>orleans_catalog_activations{grain_type="campaign"}</c> counts that silo's activations of the type.
/// No endpoint of the API says where a grain lives, and a test has only one campaign.
/// </summary>
public static partial class CampaignLocator
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The live silos with a campaign activation; empty when none reports one.</summary>
    public static async Task<List<SiloNode>> FindAsync(IEnumerable<SiloNode> silos)
    {
        var hosts = new List<SiloNode>();
        foreach (var silo in silos.Where(s => !s.Process.HasExited))
        {
            try
            {
                var metrics = await Http.GetStringAsync($"http://127.0.0.1:{silo.MetricsPort}/metrics");
                var match = CampaignActivations().Match(metrics);
                if (match.Success && double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 0) hosts.Add(silo);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A silo that does not answer its metrics hosts nothing we can reach.
            }
        }
        return hosts;
    }

    [GeneratedRegex("""^orleans_catalog_activations\{[^}]*grain_type="campaign"[^}]*\} ([0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex CampaignActivations();
}
