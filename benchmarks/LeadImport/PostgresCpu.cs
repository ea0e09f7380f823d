using System.Globalization;

namespace ContactCenter.LeadImport;

/// <summary>
/// CPU seconds used so far by a local PostgreSQL server: the postmaster, its live backends and
/// (through the postmaster's reaped-children counters) the backends that already exited, such as
/// psql's. Read from /proc, so Linux only; null elsewhere.
/// </summary>
public static class PostgresCpu
{
    public static double? Seconds(string dataRoot)
    {
        var pidFile = Directory.EnumerateFiles(dataRoot, "postmaster.pid", SearchOption.AllDirectories).FirstOrDefault();
        if (pidFile is null || !OperatingSystem.IsLinux()) return null;
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // Fields after the parenthesised command name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
            double Field(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture);
            if (pid == postmaster) ticks += Field(14) + Field(15) + Field(16) + Field(17);
            else if (ppid == postmaster) ticks += Field(14) + Field(15);
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
