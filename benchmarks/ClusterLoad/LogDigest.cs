using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// The distinct warnings and errors of one silo's log with their counts, split at the moment the
/// benchmark began stopping the campaigns: what broke under load (grain call timeouts, refused
/// database connections, memory) is read from the first part; the second is the shutdown's noise.
/// </summary>
public sealed partial record LogDigest(Dictionary<string, int> Running, Dictionary<string, int> Stopping)
{
    /// <summary>Console-logger entries ("warn:", "fail:", "crit:"), keyed by level, category and first message line, numbers masked.</summary>
    public static LogDigest Read(string logPath, DateTimeOffset stopBegan)
    {
        var digest = new LogDigest([], []);
        string[] lines;
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            lines = new StreamReader(stream).ReadToEnd().Split('\n');
        }
        catch (IOException)
        {
            return digest;
        }
        var stop = TimeOnly.FromDateTime(stopBegan.UtcDateTime);
        for (var i = 0; i < lines.Length; i++)
        {
            var stamp = Stamp().Match(lines[i]);
            var line = lines[i][stamp.Length..];
            if (!(line.StartsWith("warn: ", StringComparison.Ordinal) || line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))) continue;
            // The message is on the next indented line; exceptions follow it.
            var message = i + 1 < lines.Length ? lines[i + 1].Trim() : "";
            var key = Volatile().Replace($"{line[..4]} {EventId().Replace(line[6..], "")}: {(message.Length > 160 ? message[..160] : message)}", "#");
            // Runs are minutes long; one that crosses midnight UTC files its last entries as running.
            var stopping = stamp.Success && TimeOnly.ParseExact(stamp.Value.TrimEnd(), "HH:mm:ss.fff", CultureInfo.InvariantCulture) >= stop;
            var counts = stopping ? digest.Stopping : digest.Running;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return digest;
    }

    public int Count(bool stopping, bool errors) =>
        (stopping ? Stopping : Running).Where(e => e.Key.StartsWith("warn", StringComparison.Ordinal) != errors).Sum(e => e.Value);

    // The silos log with "HH:mm:ss.fff " (UTC) in front of the level.
    [GeneratedRegex("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ")]
    private static partial Regex Stamp();

    // Ids, numbers and addresses that differ between otherwise equal messages.
    [GeneratedRegex("[0-9a-f]{12,}|\\b\\d+(\\.\\d+)*\\b")]
    private static partial Regex Volatile();

    [GeneratedRegex("\\[\\d+\\]$")]
    private static partial Regex EventId();
}
