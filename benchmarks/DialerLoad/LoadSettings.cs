namespace ContactCenter.Benchmarks.DialerLoad;

/// <summary>Size of the run; the defaults are the issue's: 500 agents, 200,000 leads.</summary>
public sealed record LoadSettings(int Agents, int Leads, int Seconds, double RingSeconds, double TalkSeconds, int WrapUpSeconds)
{
    public static LoadSettings Parse(string[] args)
    {
        int Int(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        double Dbl(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new LoadSettings(Int("--agents", 500), Int("--leads", 200_000), Int("--seconds", 60), Dbl("--ring", 1), Dbl("--talk", 3), Int("--wrapup", 1));
    }
}
