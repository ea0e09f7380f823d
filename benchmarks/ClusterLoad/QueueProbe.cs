using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// How long a campaign's message queue holds a call that itself does nothing. WakeAsync of a Running
/// campaign only checks a flag, but it does not interleave, so it waits behind every pacing turn
/// queued before it. When it outlasts Orleans' 30 s response timeout, the timeout's diagnostics name
/// the queue's length, which is kept too.
/// </summary>
public sealed partial class QueueProbe
{
    private const double TimeoutMs = 30_000;
    private readonly List<Task<(double Ms, int? QueueLength)>> probes = [];

    /// <summary>A probe can take this long; one started later would outlast the window.</summary>
    public static TimeSpan Longest => TimeSpan.FromMilliseconds(TimeoutMs + 2_000);

    public void Start(IEnumerable<ICampaignGrain> campaigns) => probes.AddRange(campaigns.Select(ProbeAsync));

    /// <summary>Median and longest wait in ms (a timed-out probe counts as 30 s) and the longest queue named by a timeout.</summary>
    public async Task<(double P50Ms, double MaxMs, int? MaxQueueLength)> ResultsAsync()
    {
        var results = await Task.WhenAll(probes);
        if (results.Length == 0) return (0, 0, null);
        var waits = results.Select(r => r.Ms).Order().ToArray();
        var lengths = results.Where(r => r.QueueLength is not null).Select(r => r.QueueLength!.Value).ToList();
        return (waits[waits.Length / 2], waits[^1], lengths.Count == 0 ? null : lengths.Max());
    }

    private static async Task<(double, int?)> ProbeAsync(ICampaignGrain campaign)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await campaign.WakeAsync();
            return (clock.Elapsed.TotalMilliseconds, null);
        }
        catch (TimeoutException ex)
        {
            var match = QueueSize().Match(ex.Message);
            return (TimeoutMs, match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null);
        }
        catch (OrleansException)
        {
            return (TimeoutMs, null);
        }
    }

    [GeneratedRegex("NonReentrancyQueueSize=(\\d+)")]
    private static partial Regex QueueSize();
}
