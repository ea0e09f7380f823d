using System.Globalization;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>Resident set size from /proc (Linux), the figure an operator's monitoring sees.</summary>
public static class ProcessMemory
{
    public static long RssBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("VmRSS not found in /proc/self/status.");
    }

    /// <summary>A full, compacting collection that also returns free segments to the OS.</summary>
    public static void CollectEverything()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
