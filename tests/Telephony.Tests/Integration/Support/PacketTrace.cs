using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>
/// A tcpdump of the loopback interface running in the background while a call happens: every UDP packet matching
/// the filter with its capture time, ports and length, and whether it carried a SIP BYE. A witness outside our stack
/// of what went over the wire and when.
/// </summary>
public sealed partial class PacketTrace : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder errors = new();

    private PacketTrace(Process process) => this.process = process;

    /// <summary>One captured packet.</summary>
    /// <param name="Time">Capture time, seconds since the Unix epoch.</param>
    /// <param name="IsBye">The payload is a SIP BYE request.</param>
    public sealed record Packet(double Time, int SourcePort, int DestinationPort, int Length, bool IsBye);

    /// <summary>Starts tcpdump on lo with a pcap filter (e.g. "udp and port 6000") and waits until it captures.</summary>
    public static async Task<PacketTrace> StartAsync(string filter)
    {
        var info = new ProcessStartInfo("tcpdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -A prints payloads (to spot the BYE; the first 96 bytes of a packet hold its request line), -tt epoch times,
        // -l and --immediate-mode hand over each packet at once, -B a large buffer so a busy machine drops nothing.
        foreach (var a in new[] { "-i", "lo", "-n", "-tt", "-l", "-A", "-s", "96", "-B", "16384", "--immediate-mode", filter }) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var trace = new PacketTrace(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (trace.lines) trace.lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (trace.errors) trace.errors.AppendLine(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal)) trace.listening.TrySetResult();
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await trace.listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await trace.DisposeAsync();
            throw new InvalidOperationException("tcpdump did not start capturing: " + trace.errors);
        }
        return trace;
    }

    /// <summary>
    /// Packets that matched but that the kernel dropped because tcpdump fell behind (known once stopped); a count of
    /// packets on the wire is the captured ones plus these.
    /// </summary>
    public int DroppedByKernel { get; private set; }

    /// <summary>Stops the capture (as Ctrl-C would) and returns the packets in capture order.</summary>
    public async Task<IReadOnlyList<Packet>> StopAsync()
    {
        await InterruptAsync();
        lock (errors)
        {
            var dropped = Dropped().Match(errors.ToString());
            DroppedByKernel = dropped.Success ? int.Parse(dropped.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        var packets = new List<Packet>();
        lock (lines)
        {
            foreach (var line in lines)
            {
                var header = Header().Match(line);
                if (header.Success)
                {
                    packets.Add(new Packet(double.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture),
                        int.Parse(header.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(header.Groups[4].Value, CultureInfo.InvariantCulture), IsBye: false));
                }
                else if (packets.Count > 0 && line.Contains("BYE sip:", StringComparison.Ordinal))
                {
                    packets[^1] = packets[^1] with { IsBye = true };
                }
            }
        }
        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        await InterruptAsync();
        process.Dispose();
    }

    private async Task InterruptAsync()
    {
        if (process.HasExited) return;
        // SIGINT lets tcpdump flush what it has printed.
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }

    [GeneratedRegex(@"(\d+) packets? dropped by kernel")]
    private static partial Regex Dropped();

    [GeneratedRegex(@"^(\d+\.\d+) IP [0-9.]+\.(\d+) > [0-9.]+\.(\d+): UDP, length (\d+)")]
    private static partial Regex Header();
}
