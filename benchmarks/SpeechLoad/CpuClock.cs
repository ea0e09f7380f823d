using System.Globalization;

namespace ContactCenter.SpeechLoad;

/// <summary>
/// CPU time of this process and of the child processes it has waited for (the pocketsphinx processes of the
/// process-per-utterance recogniser), from /proc/self/stat; Process.TotalProcessorTime leaves the children out.
/// </summary>
internal static class CpuClock
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan Used()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime, stime, cutime, cstime are fields 14-17 of the line, 12-15 after the name.
        var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
