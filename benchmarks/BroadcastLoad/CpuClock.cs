using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.Benchmarks.BroadcastLoad;

/// <summary>
/// CPU time of this process and of the child processes it has waited for (espeak-ng, sox, pocketsphinx), from
/// /proc/self/stat (proc(5): fields 16 and 17, cutime and cstime, in clock ticks).
/// </summary>
public static class CpuClock
{
    /// <summary>Linux's USER_HZ; 100 on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Own => Process.GetCurrentProcess().TotalProcessorTime;

    public static TimeSpan Children
    {
        get
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state), so field n is fields[n - 3].
            var ticks = long.Parse(fields[16 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[17 - 3], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
    }

    public static TimeSpan Total => Own + Children;
}
