using System.Globalization;

namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>Command line: <c>--contacts N --workers N --speech-rounds N --readme PATH|none</c>.</summary>
public sealed record BenchmarkSettings(int Contacts, int Workers, int SpeechRounds, string? ReadmePath)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            values[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0) throw new ArgumentException($"'{args[^1]}' has no value.");
        int Int(string name, int fallback, int min) =>
            values.TryGetValue(name, out var v) ? (int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n >= min ? n : throw new ArgumentException($"--{name} must be a whole number of at least {min}.")) : fallback;
        var readme = values.TryGetValue("readme", out var r) ? (r.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : r) : DefaultReadme();
        return new(Int("contacts", 100_000, 1), Int("workers", Environment.ProcessorCount, 1), Int("speech-rounds", 3, 1), readme);
    }

    /// <summary>benchmarks/README.md of the repository this program was built from.</summary>
    private static string? DefaultReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln"))) return Path.Combine(dir.FullName, "benchmarks", "README.md");
        }
        return null;
    }
}
