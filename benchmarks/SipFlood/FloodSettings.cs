using System.Globalization;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>Command-line settings of the flood run.</summary>
public sealed record FloodSettings
{
    /// <summary>INVITEs sent, each a new call (its own Call-ID and branch).</summary>
    public int Invites { get; init; } = 50_000;

    /// <summary>INVITEs per second; paced so the loopback socket buffer, not the stack, is not what drops them.</summary>
    public int Rate { get; init; } = 5_000;

    /// <summary>The stack's server-transaction limit (<c>SipStackOptions.MaxServerTransactions</c>).</summary>
    public int Limit { get; init; } = 20_000;

    /// <summary>How long to wait for the transaction table to empty after the flood.</summary>
    public int DrainSeconds { get; init; } = 90;

    public static FloodSettings Parse(string[] args)
    {
        var settings = new FloodSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{args[i]} needs a positive whole number.");
            settings = args[i] switch
            {
                "--invites" => settings with { Invites = Int() },
                "--rate" => settings with { Rate = Int() },
                "--limit" => settings with { Limit = Int() },
                "--drain-seconds" => settings with { DrainSeconds = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --invites --rate --limit --drain-seconds."),
            };
        }
        return settings;
    }
}
