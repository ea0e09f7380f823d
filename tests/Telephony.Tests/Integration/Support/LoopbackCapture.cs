using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>
/// Counts packets on the loopback interface with tcpdump (a witness outside our stack: what really
/// went over the wire). Stops at <c>count</c> packets or after the timeout, whichever comes first.
/// </summary>
public static partial class LoopbackCapture
{
    /// <param name="filter">A pcap filter, e.g. "udp and src port 4000 and dst port 5000".</param>
    /// <param name="count">Stop after this many packets.</param>
    /// <param name="timeout">Stop after this long.</param>
    /// <returns>Packets captured.</returns>
    public static async Task<int> CountAsync(string filter, int count, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("tcpdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-i", "lo", "-n", "-q", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), filter }) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("tcpdump did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Interrupt like Ctrl-C so tcpdump prints its count.
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync();
        }
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var summary = CapturedCount().Match(await stderr);
        return summary.Success ? int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : lines;
    }

    [GeneratedRegex(@"(\d+) packets? captured")]
    private static partial Regex CapturedCount();
}
