using System.Globalization;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// Size of the run; the defaults are issue 14's: 1,000 agents on 50 campaigns (20 each, half of them
/// Ready), 3,000 dashboard requests at each concurrency, 200 agent changes timed through the live feed.
/// </summary>
/// <param name="LeadsPerCampaign">Enough that no campaign runs dry while the running floor is measured (about 2 attempts/s per campaign).</param>
/// <param name="CadenceSeconds">How long the live feed's dashboard events are watched on the running floor with no polls.</param>
public sealed record DashboardSettings(
    int Agents,
    int Campaigns,
    int Requests,
    IReadOnlyList<int> Concurrency,
    int WarmUpRequests,
    int LeadsPerCampaign,
    int Changes,
    int CadenceSeconds,
    int BreakdownRepeats,
    double RingSeconds,
    double TalkSeconds,
    int WrapUpSeconds)
{
    public int AgentsPerCampaign => Agents / Campaigns;

    public static DashboardSettings Parse(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Text(name) is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : fallback;
        double Dbl(string name, double fallback) => Text(name) is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : fallback;
        var concurrency = (Text("--concurrency") ?? "1,8,32").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var settings = new DashboardSettings(Int("--agents", 1000), Int("--campaigns", 50), Int("--requests", 3000), concurrency,
            Int("--warmup", 500), Int("--leads", 1000), Int("--changes", 200), Int("--cadence-seconds", 20), Int("--breakdown", 1000),
            Dbl("--ring", 1), Dbl("--talk", 5), Int("--wrapup", 1));
        if (settings.Campaigns < 1 || settings.Agents < settings.Campaigns * 2 || settings.Agents % settings.Campaigns != 0)
            throw new ArgumentException("--agents must be a multiple of --campaigns with at least 2 agents per campaign.");
        if (concurrency.Count == 0 || concurrency.Any(c => c < 1) || settings.Requests < 1)
            throw new ArgumentException("--requests and every --concurrency value must be at least 1.");
        if ((long)settings.Campaigns * settings.LeadsPerCampaign > 7_990_000)
            throw new ArgumentException("At most 7,990,000 leads in all (one area code's numbers).");
        return settings;
    }
}
