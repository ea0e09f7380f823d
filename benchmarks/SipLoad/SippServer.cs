using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContactCenter.Benchmarks.SipLoad;

/// <summary>A sipp process on 127.0.0.1: the built-in UAS (optionally echoing RTP) or the built-in UAC.</summary>
public sealed class SippServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SippServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output
    {
        get { lock (output) return output.Length > 2000 ? output.ToString()[^2000..] : output.ToString(); }
    }

    /// <summary>CPU time sipp has used so far (user + system, from /proc).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>sipp's built-in UAS (INVITE → 180 → 200 with SDP, ACK, BYE → 200); with <paramref name="rtpEcho"/> it echoes RTP to its sender.</summary>
    public static async Task<SippServer> StartUasAsync(bool rtpEcho)
    {
        var port = FreePort();
        var arguments = new List<string> { "-sn", "uas", "-i", "127.0.0.1", "-p", Invariant(port), "-mp", Invariant(FreePort()), "-nostdin", "-max_socket", "65000" };
        if (rtpEcho) arguments.Add("-rtp_echo");
        var server = Start(arguments, port);
        await server.WaitUntilBoundAsync();
        return server;
    }

    /// <summary>sipp's built-in UAC: <paramref name="calls"/> calls to <paramref name="target"/>, at most <paramref name="concurrency"/> at once, each held <paramref name="holdMs"/>.</summary>
    public static SippServer StartUac(string target, int calls, int concurrency, int holdMs) => Start(
        [target, "-sn", "uac", "-i", "127.0.0.1", "-p", Invariant(FreePort()), "-m", Invariant(calls), "-l", Invariant(concurrency),
            "-r", "100000", "-d", Invariant(holdMs), "-nostdin", "-timeout", "120s", "-timeout_error"], 0);

    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static SippServer Start(IEnumerable<string> arguments, int port)
    {
        var info = new ProcessStartInfo("sipp") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var server = new SippServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start()) throw new InvalidOperationException("sipp did not start (apt-get install sip-tester).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private async Task WaitUntilBoundAsync()
    {
        for (var i = 0; i < 200 && !process.HasExited; i++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            }
            catch (SocketException)
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new InvalidOperationException("sipp did not bind its SIP port.\n" + Output);
    }

    // sipp binds media port + 2 as well (video), so take an even port with free neighbours.
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            int port;
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }
            if (port % 2 == 0 && port < 65000) return port;
        }
        throw new InvalidOperationException("No free port for sipp.");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
