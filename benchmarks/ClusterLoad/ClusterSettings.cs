using System.Globalization;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>Size of a cluster run. Ring, talk and wrap-up are the single-silo benchmark's (benchmarks/DialerLoad).</summary>
public sealed record ClusterSettings(
    int Silos,
    int Agents,
    int Campaigns,
    int Leads,
    int Seconds,
    int WarmUpSeconds,
    int SetupLimitSeconds,
    int BroadcastLeads,
    double BroadcastCallsPerSecond,
    int BroadcastMaxConcurrent,
    double RingSeconds,
    double TalkSeconds,
    int WrapUpSeconds)
{
    public static ClusterSettings Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Dbl(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var settings = new ClusterSettings(
            Silos: Int("--silos", 3),
            Agents: Int("--agents", 3000),
            Campaigns: Int("--campaigns", 6),
            Leads: Int("--leads", 200_000),
            Seconds: Int("--seconds", 60),
            WarmUpSeconds: Int("--warmup", 10),
            // Keeps a run within a few minutes when agent set-up slows down with size (it does; see the README).
            SetupLimitSeconds: Int("--setup-limit", 75),
            BroadcastLeads: Int("--broadcast-leads", 20_000),
            BroadcastCallsPerSecond: Dbl("--broadcast-rate", 20),
            BroadcastMaxConcurrent: Int("--broadcast-concurrency", 200),
            RingSeconds: Dbl("--ring", 1),
            TalkSeconds: Dbl("--talk", 3),
            WrapUpSeconds: Int("--wrapup", 1));
        if (settings.Silos < 1 || settings.Campaigns < 1 || settings.Agents < settings.Campaigns || settings.Leads < settings.Campaigns)
            throw new ArgumentException("Need at least one silo, one campaign, and as many agents and leads as campaigns.");
        return settings;
    }
}
