using Orleans.Runtime;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// Where Orleans put the grains, per silo (by its silo port): the campaign grains one by one from the
/// grain directory, and activation counts per grain type from each silo's catalog.
/// </summary>
public sealed record Placement(Dictionary<int, List<string>> CampaignsBySiloPort, Dictionary<int, Dictionary<string, int>> ActivationsBySiloPort)
{
    /// <summary>Activations on the silo of types whose name contains <paramref name="type"/> (e.g. "agent", "call").</summary>
    public int Activations(int siloPort, string type) =>
        ActivationsBySiloPort.TryGetValue(siloPort, out var byType)
            ? byType.Where(t => t.Key.Contains(type, StringComparison.OrdinalIgnoreCase)).Sum(t => t.Value)
            : 0;

    public int Campaigns(int siloPort) => CampaignsBySiloPort.TryGetValue(siloPort, out var ids) ? ids.Count : 0;

    public static async Task<Placement> ReadAsync(IGrainFactory grains, IEnumerable<IAddressable> campaigns)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var campaignsBySilo = new Dictionary<int, List<string>>();
        foreach (var campaign in campaigns)
        {
            // The directory's answer; 0 when the grain has no activation (a campaign that failed to activate).
            var port = (await management.GetActivationAddress(campaign))?.Endpoint.Port ?? 0;
            if (!campaignsBySilo.TryGetValue(port, out var ids)) campaignsBySilo[port] = ids = [];
            ids.Add(campaign.GetGrainId().Key.ToString()!);
        }
        var activations = new Dictionary<int, Dictionary<string, int>>();
        foreach (var stat in await management.GetSimpleGrainStatistics())
        {
            var port = stat.SiloAddress.Endpoint.Port;
            if (!activations.TryGetValue(port, out var byType)) activations[port] = byType = [];
            byType[stat.GrainType] = byType.GetValueOrDefault(stat.GrainType) + stat.ActivationCount;
        }
        return new Placement(campaignsBySilo, activations);
    }
}
