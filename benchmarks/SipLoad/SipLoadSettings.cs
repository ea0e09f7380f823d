using System.Globalization;

namespace ContactCenter.Benchmarks.SipLoad;

/// <summary>Command-line settings of the SIP load run.</summary>
public sealed record SipLoadSettings
{
    /// <summary>Calls per side in the setup-rate race.</summary>
    public int Calls { get; init; } = 1000;

    /// <summary>Calls in progress at once during the setup-rate race (same for us and sipp).</summary>
    public int Concurrency { get; init; } = 50;

    /// <summary>How long each call stays up between ACK and BYE in the setup-rate race.</summary>
    public int HoldMilliseconds { get; init; } = 100;

    /// <summary>Concurrent calls with RTP in the first media step; each step doubles.</summary>
    public int MediaStart { get; init; } = 100;

    /// <summary>The largest media step tried.</summary>
    public int MediaMax { get; init; } = 1600;

    /// <summary>How long audio flows in each media step.</summary>
    public int MediaSeconds { get; init; } = 8;

    /// <summary>A step "holds" while loss stays at or below this share and every call is set up.</summary>
    public double MaxLoss { get; init; } = 0.01;

    public static SipLoadSettings Parse(string[] args)
    {
        var settings = new SipLoadSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{args[i]} needs a positive whole number.");
            settings = args[i] switch
            {
                "--calls" => settings with { Calls = Int() },
                "--concurrency" => settings with { Concurrency = Int() },
                "--hold-ms" => settings with { HoldMilliseconds = Int() },
                "--media-start" => settings with { MediaStart = Int() },
                "--media-max" => settings with { MediaMax = Int() },
                "--media-seconds" => settings with { MediaSeconds = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --calls --concurrency --hold-ms --media-start --media-max --media-seconds."),
            };
        }
        return settings;
    }
}
