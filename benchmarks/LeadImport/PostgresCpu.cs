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
        double seconds = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ProcStat.Read(pid) is not { } stat) continue;
            if (pid == postmaster) seconds += stat.OwnSeconds + stat.ReapedChildrenSeconds;
            else if (stat.ParentId == postmaster) seconds += stat.OwnSeconds;
        }
        return seconds;
    }
}
