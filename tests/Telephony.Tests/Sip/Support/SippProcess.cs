using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>
/// Runs the real sipp in the foreground (one call, -m 1, unless told otherwise) on 127.0.0.1 with
/// its own free SIP and media ports, captures its output, and kills it on dispose. Reusable for any
/// scenario, including ones that play audio with rtp_stream (pass a working directory), and for
/// sipp's built-in load scenarios (benchmarks/SipLoad links this file).
/// </summary>
public sealed class SippProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string errorFile;

    private SippProcess(Process process, int port, int mediaPort, string errorFile)
    {
        this.process = process;
        Port = port;
        MediaPort = mediaPort;
        this.errorFile = errorFile;
    }

    /// <summary>sipp's SIP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>sipp's RTP echo port (-mp).</summary>
    public int MediaPort { get; }

    /// <summary>The folder scenarios are looked up in (the test output's Scenarios folder).</summary>
    public static string ScenarioDirectory => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>Runs a scenario file from <see cref="ScenarioDirectory"/> as a server waiting for our call.</summary>
    public static SippProcess StartScenario(string scenarioFile, params string[] extraArguments) =>
        Start(["-sf", Path.Combine(ScenarioDirectory, scenarioFile), .. extraArguments]);

    /// <summary>Runs sipp's built-in client scenario against <paramref name="target"/> ("127.0.0.1:5060").</summary>
    public static SippProcess StartBuiltInClient(string target, string service = "dialer", params string[] extraArguments) =>
        Start([target, "-sn", "uac", "-s", service, .. extraArguments]);

    /// <summary>Runs sipp with any arguments plus the common ones (-m 1, loopback, free ports, a global timeout).</summary>
    /// <param name="arguments">Scenario and extra arguments.</param>
    /// <param name="workingDirectory">Where relative paths (audio files for rtp_stream) resolve; the Scenarios folder by default.</param>
    /// <param name="timeout">sipp's own global timeout, after which it exits with a failure; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="calls">How many calls sipp makes or takes (-m); one unless a test needs concurrency; null for no limit (a UAS under load).</param>
    public static SippProcess Start(IReadOnlyList<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, int? calls = 1)
    {
        var port = FreePort.Next();
        var mediaPort = FreePort.Next();
        var errorFile = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.err");
        var info = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? ScenarioDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var a in new[]
        {
            "-i", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mp", mediaPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-nostdin", "-trace_err", "-error_file", errorFile,
        })
        {
            info.ArgumentList.Add(a);
        }
        if (calls is { } limit)
        {
            info.ArgumentList.Add("-m");
            info.ArgumentList.Add(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var globalTimeout = timeout ?? TimeSpan.FromSeconds(20);
        if (globalTimeout != Timeout.InfiniteTimeSpan)
        {
            info.ArgumentList.Add("-timeout");
            info.ArgumentList.Add($"{(int)globalTimeout.TotalSeconds}s");
            info.ArgumentList.Add("-timeout_error");
        }
        var process = new Process { StartInfo = info };
        var sipp = new SippProcess(process, port, mediaPort, errorFile) { IsTcp = arguments.Contains("t1") };
        process.OutputDataReceived += (_, e) => sipp.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sipp.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sipp;
    }

    /// <summary>sipp's output so far plus its error log, for assertion messages.</summary>
    public string Output
    {
        get
        {
            string text;
            lock (output) text = output.ToString();
            var errors = File.Exists(errorFile) ? File.ReadAllText(errorFile) : string.Empty;
            // The screen dump is long; its last part holds the scenario result.
            if (text.Length > 4000) text = text[^4000..];
            return text + "\n--- sipp errors ---\n" + errors;
        }
    }

    /// <summary>Waits for sipp to exit: 0 means every call passed its scenario.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"sipp did not finish within {timeout}.\n{Output}");
        }
        return process.ExitCode;
    }

    /// <summary>CPU time sipp has used so far (user + system), for load runs that compare its cost with ours.</summary>
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
                return TimeSpan.Zero; // already exited
            }
        }
    }

    /// <summary>True when sipp runs on TCP (-t t1).</summary>
    public bool IsTcp { get; private init; }

    /// <summary>Waits briefly until sipp's SIP socket is bound, so our first request is not lost.</summary>
    public async Task WaitUntilListeningAsync()
    {
        var sipp = new IPEndPoint(IPAddress.Loopback, Port);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) return;
            if (IsTcp)
            {
                // A TCP probe connection would be taken for a call; check the listener table instead.
                if (IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Contains(sipp)) return;
            }
            else
            {
                try
                {
                    using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    probe.Bind(sipp);
                }
                catch (SocketException)
                {
                    return;
                }
            }
            await Task.Delay(20);
        }
    }

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
            // It never started or already exited.
        }
        process.Dispose();
        if (File.Exists(errorFile)) File.Delete(errorFile);
    }
}
