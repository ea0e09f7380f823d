using System.Globalization;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>
/// Datagrams the kernel dropped on a bound UDP port because its receive buffer was full (the last
/// column of /proc/net/udp), so lost INVITEs can be told apart from unanswered ones.
/// </summary>
public static class UdpDrops
{
    public static long ForPort(int port)
    {
        long drops = 0;
        foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // fields[1] is "0100007F:13C4": address and port in hex.
            var local = fields[1];
            var localPort = int.Parse(local.AsSpan(local.IndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (localPort == port) drops += long.Parse(fields[^1], CultureInfo.InvariantCulture);
        }
        return drops;
    }
}
