using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// CPU seconds used so far: by this process (API, silo and the benchmark's own HTTP clients), and by
/// the throwaway PostgreSQL (postmaster, live backends, and reaped backends through the postmaster's
/// children counters), the latter from /proc, so Linux only (null elsewhere).
/// </summary>
public static class CpuClock
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double ProcessSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    public static double? PostgresSeconds(string postgresRoot)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var pidFile = Directory.EnumerateFiles(postgresRoot, "postmaster.pid", SearchOption.AllDirectories).FirstOrDefault();
        if (pidFile is null) return null;
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        double seconds = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read(pid) is not { } stat) continue;
            if (pid == postmaster) seconds += stat.Own + stat.Reaped;
            else if (stat.Parent == postmaster) seconds += stat.Own;
        }
        return seconds;
    }

    /// <summary>The machine's load average over the last minute (other work on the cores shows here), Linux only.</summary>
    public static double? LoadAverage()
    {
        if (!OperatingSystem.IsLinux()) return null;
        return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static (int Parent, double Own, double Reaped)? Read(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // After "pid (comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), Field(14) + Field(15), Field(16) + Field(17));
    }
}
