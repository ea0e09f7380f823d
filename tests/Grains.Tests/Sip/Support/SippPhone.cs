using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContactCenter.Grains.Tests.Sip.Support;

/// <summary>
/// A sipp UAS on 127.0.0.1 playing a sox-made tone as its voice (answer.wav in a temp working
/// folder), running one of the trunk_* scenarios copied from Telephony.Tests. Killed on dispose.
/// </summary>
public sealed class SippPhone : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string folder;

    private SippPhone(Process process, int port, string folder)
    {
        this.process = process;
        Port = port;
        this.folder = folder;
    }

    public int Port { get; }

    public bool HasExited => process.HasExited;

    public string Output
    {
        get { lock (output) return output.Length > 3000 ? output.ToString()[^3000..] : output.ToString(); }
    }

    /// <param name="scenario">A file of the Scenarios folder copied next to the tests.</param>
    /// <param name="toneHz">The pitch of the phone's "voice".</param>
    public static Task<SippPhone> StartAsync(string scenario, double toneHz) =>
        StartAsync(scenario, folder => RunAsync("sox", ["-n", "-r", "8000", "-c", "1", "-e", "mu-law", Path.Combine(folder, "answer.wav"), "synth", "1", "sine", toneHz.ToString(CultureInfo.InvariantCulture), "vol", "0.5"]));

    /// <summary>A phone whose answer.wav is <paramref name="words"/> spoken by espeak-ng, as 8 kHz µ-law (a recorded caller reply).</summary>
    public static Task<SippPhone> StartSpeakingAsync(string scenario, string words) =>
        StartAsync(scenario, async folder =>
        {
            var spoken = Path.Combine(folder, "spoken.wav");
            await RunAsync("espeak-ng", ["-w", spoken, words]);
            await RunAsync("sox", [spoken, "-r", "8000", "-c", "1", "-e", "mu-law", Path.Combine(folder, "answer.wav")]);
        });

    private static async Task RunAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)) ?? throw new InvalidOperationException($"{tool} did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} could not make the phone's audio (exit {process.ExitCode}).");
    }

    private static async Task<SippPhone> StartAsync(string scenario, Func<string, Task> makeAnswer)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cc-grains-sipp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await makeAnswer(folder);
        var port = FreeUdpPort();
        var info = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var a in new[]
        {
            "-sf", Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario), "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-mp", FreeUdpPort().ToString(CultureInfo.InvariantCulture), "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
        })
        {
            info.ArgumentList.Add(a);
        }
        var process = new Process { StartInfo = info };
        var phone = new SippPhone(process, port, folder);
        process.OutputDataReceived += (_, e) => phone.Append(e.Data);
        process.ErrorDataReceived += (_, e) => phone.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await phone.WaitUntilListeningAsync();
        return phone;
    }

    /// <summary>Waits for sipp to finish its one call; 0 means the scenario passed.</summary>
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

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            }
            catch (SocketException)
            {
                return; // sipp holds the port
            }
            await Task.Delay(20);
        }
    }

    // sipp also binds media port + 2 (video), so take an even port whose neighbours are free too.
    private static int FreeUdpPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            int port;
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }
            if (port % 2 == 0 && port < 65000 && Enumerable.Range(port, 4).All(IsFree)) return port;
        }
        throw new InvalidOperationException("No free UDP port for sipp.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
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
            // Never started or already gone.
        }
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
