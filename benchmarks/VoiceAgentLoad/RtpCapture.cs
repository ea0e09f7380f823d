using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContactCenter.VoiceAgentLoad;

/// <summary>
/// tcpdump on the loopback interface writing a pcap file while the calls run: the witness, outside our stack and
/// sipp, of when each RTP packet went over the wire. Only the first bytes of each packet are kept (headers), which
/// is all the timing needs.
/// </summary>
public sealed partial class RtpCapture : IAsyncDisposable
{
    private readonly Process process;
    private readonly string file;
    private readonly StringBuilder errors = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RtpCapture(Process process, string file)
    {
        this.process = process;
        this.file = file;
    }

    /// <summary>Packets the kernel dropped because tcpdump fell behind (known once stopped).</summary>
    public int DroppedByKernel { get; private set; }

    /// <summary>Starts capturing UDP on lo except <paramref name="sipPort"/> (SIP) and waits until tcpdump listens.</summary>
    public static async Task<RtpCapture> StartAsync(int sipPort)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cc-voice-agent-load-{Guid.NewGuid():N}.pcap");
        var info = new ProcessStartInfo("tcpdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -s 64: IP, UDP and RTP headers; -B a large buffer so a busy machine drops nothing; -U flushes per packet.
        foreach (var a in new[] { "-i", "lo", "-n", "-s", "64", "-B", "32768", "-U", "-w", file, $"udp and not port {sipPort}" }) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var capture = new RtpCapture(process, file);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (capture.errors) capture.errors.AppendLine(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal)) capture.listening.TrySetResult();
        };
        process.Start();
        process.BeginErrorReadLine();
        try
        {
            await capture.listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await capture.DisposeAsync();
            throw new InvalidOperationException("tcpdump did not start capturing: " + capture.errors);
        }
        return capture;
    }

    /// <summary>Stops the capture and returns its PCMU RTP packets in capture order.</summary>
    public async Task<IReadOnlyList<RtpPacket>> StopAsync()
    {
        await InterruptAsync();
        lock (errors)
        {
            var dropped = Dropped().Match(errors.ToString());
            DroppedByKernel = dropped.Success ? int.Parse(dropped.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        return Read(await File.ReadAllBytesAsync(file));
    }

    /// <summary>The PCMU (payload type 0) RTP packets of a pcap file (microsecond or nanosecond, Ethernet or Linux cooked).</summary>
    public static IReadOnlyList<RtpPacket> Read(byte[] pcap)
    {
        var packets = new List<RtpPacket>();
        if (pcap.Length < 24) return packets;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(pcap);
        var nanos = magic == 0xa1b23c4d;
        if (magic != 0xa1b2c3d4 && !nanos) throw new InvalidDataException($"Not a little-endian pcap file (magic {magic:x8}).");
        var linkHeader = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(20)) switch
        {
            1 => 14,   // Ethernet (lo)
            113 => 16, // Linux cooked
            276 => 20, // Linux cooked v2
            var other => throw new InvalidDataException($"Link type {other} is not read here."),
        };
        for (var at = 24; at + 16 <= pcap.Length;)
        {
            var record = pcap.AsSpan(at);
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(record);
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(record[8..]);
            at += 16;
            if (at + captured > pcap.Length) break;
            var frame = pcap.AsSpan(at, captured);
            at += captured;
            if (frame.Length < linkHeader + 20) continue;
            var ip = frame[linkHeader..];
            if (ip[0] >> 4 != 4 || ip[9] != 17) continue; // IPv4, UDP
            var ipHeader = (ip[0] & 0x0f) * 4;
            if (ip.Length < ipHeader + 8 + 12) continue;
            var udp = ip[ipHeader..];
            var rtp = udp[8..];
            if (rtp[0] >> 6 != 2 || (rtp[1] & 0x7f) != 0) continue; // RTP version 2, PCMU
            var time = seconds + fraction / (nanos ? 1e9 : 1e6);
            packets.Add(new RtpPacket(time, BinaryPrimitives.ReadUInt16BigEndian(udp), BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(rtp[8..])));
        }
        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        await InterruptAsync();
        process.Dispose();
        if (File.Exists(file)) File.Delete(file);
    }

    private async Task InterruptAsync()
    {
        if (process.HasExited) return;
        // SIGINT makes tcpdump flush the file and print its counts.
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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
}
