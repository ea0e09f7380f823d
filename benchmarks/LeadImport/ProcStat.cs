using System.Globalization;

namespace ContactCenter.LeadImport;

/// <summary>
/// The CPU counters of one process from /proc/&lt;pid&gt;/stat, in seconds: its own user and system
/// time (all threads) and that of its reaped children. Linux only.
/// </summary>
public sealed record ProcStat(int ParentId, double OwnSeconds, double ReapedChildrenSeconds)
{
    private const double TicksPerSecond = 100; // USER_HZ is 100 on Linux

    /// <summary>Null when the process is gone or unreadable.</summary>
    public static ProcStat? Read(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // Fields after the parenthesised command name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture);
        return new ProcStat(int.Parse(fields[1], CultureInfo.InvariantCulture), (Field(14) + Field(15)) / TicksPerSecond, (Field(16) + Field(17)) / TicksPerSecond);
    }
}
