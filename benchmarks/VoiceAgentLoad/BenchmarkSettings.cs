using System.Globalization;

namespace ContactCenter.VoiceAgentLoad;

/// <summary>Command line: which sizes to run and the run above the speech admission limit.</summary>
/// <param name="Sizes">Concurrent conversations per run.</param>
/// <param name="SpeechLimitFloor">The admission limit of the ordinary runs: this or the size, whichever is larger, so nothing is held back.</param>
/// <param name="LimitedCalls">Calls of the run above the admission limit (0: none).</param>
/// <param name="LimitedSpeech">Its admission limit, below <paramref name="LimitedCalls"/>.</param>
/// <param name="SpreadSeconds">Dial each run's calls evenly over this long instead of all at once (0).</param>
public sealed record BenchmarkSettings(IReadOnlyList<int> Sizes, int SpeechLimitFloor, int LimitedCalls, int LimitedSpeech, double SpreadSeconds)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var sizes = (Value("--sizes") ?? (quick ? "10" : "10,50,100,200"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        // "--above-limit 100:40" dials 100 with room for 40 conversations; "--above-limit none" skips the run.
        var above = Value("--above-limit") ?? (quick ? "20:10" : "100:40");
        var (calls, limit) = above == "none" ? (0, 0)
            : (int.Parse(above.Split(':')[0], CultureInfo.InvariantCulture), int.Parse(above.Split(':')[1], CultureInfo.InvariantCulture));
        if (sizes.Any(s => s is < 1 or > 500) || (calls > 0 && (limit < 1 || limit >= calls)))
        {
            throw new ArgumentException("Sizes are 1-500; --above-limit CALLS:LIMIT needs 1 <= LIMIT < CALLS.");
        }
        var spread = double.Parse(Value("--spread") ?? "0", CultureInfo.InvariantCulture);
        if (spread is < 0 or > 60) throw new ArgumentException("--spread is 0-60 seconds.");
        return new BenchmarkSettings(sizes, int.Parse(Value("--speech-limit") ?? "120", CultureInfo.InvariantCulture), calls, limit, spread);
    }
}
