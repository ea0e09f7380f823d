using System.Globalization;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// CPU time and memory of processes from Linux's /proc. Process.TotalProcessorTime covers a process
/// we hold; PostgreSQL is a tree of backends we never started, so it is summed here.
/// </summary>
public static class ProcFs
{
    // USER_HZ: the unit of the times in /proc/<pid>/stat; 100 on every Linux we run.
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of <paramref name="pid"/> in seconds (plus its waited-for children when asked), or null when it is gone.</summary>
    public static double? CpuSeconds(int pid, bool withReapedChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null) return null;
        // After the ")" of the command name: field 3 is index 0, so utime (14) is 11, stime 12, cutime 13, cstime 14.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withReapedChildren) ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }

    /// <summary>
    /// CPU seconds of a PostgreSQL server: the postmaster with the backends it has reaped, plus the
    /// ones still running. A backend that exits between two readings moves from the second term to
    /// the first, so the total only grows.
    /// </summary>
    public static double TreeCpuSeconds(int rootPid)
    {
        var total = CpuSeconds(rootPid, withReapedChildren: true) ?? 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == rootPid) continue;
            var fields = StatFields(pid);
            // Field 4 (ppid) is index 1.
            if (fields is not null && fields[1] == rootPid.ToString(CultureInfo.InvariantCulture)) total += CpuSeconds(pid) ?? 0;
        }
        return total;
    }

    /// <summary>Resident set (VmRSS) and its peak (VmHWM) in MB, or zeros when the process is gone.</summary>
    public static (double RssMb, double PeakMb) Memory(int pid)
    {
        try
        {
            double rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024;
            }
            return (rss, peak);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>
    /// Microseconds for which some runnable task waited for a CPU (Linux pressure stall information,
    /// "some" line of /proc/pressure/cpu), or null without PSI. Over a window it says how much of it
    /// the machine was short of cores, whoever's processes they were.
    /// </summary>
    public static long? CpuStallMicros()
    {
        try
        {
            var some = File.ReadLines("/proc/pressure/cpu").First(l => l.StartsWith("some ", StringComparison.Ordinal));
            return long.Parse(some[(some.LastIndexOf("total=", StringComparison.Ordinal) + 6)..], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whole-machine CPU from the "cpu" line of /proc/stat, in seconds: busy (user, nice, system, irq,
    /// softirq) and stolen by the hypervisor. Busy minus our own processes is everyone else's share.
    /// </summary>
    public static (double Busy, double Steal) MachineCpuSeconds()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double Ticks(int i) => long.Parse(f[i], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (Ticks(1) + Ticks(2) + Ticks(3) + Ticks(6) + Ticks(7), Ticks(8));
    }

    /// <summary>The three load averages of /proc/loadavg, as printed there.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces; everything after its ")" splits cleanly.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
