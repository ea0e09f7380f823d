using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// One <c>dotnet ContactCenter.Silo.dll</c> process. Its output goes straight to a log file through
/// the shell, so this process spends nothing on the silo's logging and a full pipe never stalls it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    // Kills the silo when this benchmark dies without stopping it (Ctrl-C, a crash), so no silo is left
    // holding ports and CPU. setsid -f puts it outside our process tree. $1 owner, $2 silo, $3 the dll
    // that pid must still run (pids are reused).
    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do kill -0 "$2" || exit 0; sleep 1; done
        tr '\0' ' ' < "/proc/$2/cmdline" | grep -qF "$3" && kill -9 "$2"
        """;

    private readonly Process process;

    private SiloProcess(int number, int siloPort, int gatewayPort, string logPath, Process process)
    {
        Number = number;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        LogPath = logPath;
        this.process = process;
    }

    public int Number { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public string LogPath { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>Starts silo <paramref name="number"/> from <paramref name="dll"/> with the product's command-line configuration.</summary>
    public static SiloProcess Start(int number, string dll, string connectionString, string clusterId, int siloPort, int gatewayPort, string logPath)
    {
        var info = new ProcessStartInfo("sh")
        {
            // A host watches its content root (the working directory) for appsettings changes.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "exec dotnet \"$@\" >\"$SILO_LOG\" 2>&1 </dev/null", "silo", dll,
                     $"--ConnectionStrings:ContactCenter={connectionString}",
                     $"--ContactCenter:ClusterId={clusterId}",
                     $"--ContactCenter:ServiceId={clusterId}",
                     $"--ContactCenter:SiloPort={siloPort}",
                     $"--ContactCenter:GatewayPort={gatewayPort}",
                     "--Logging:LogLevel:Default=Warning",
                     // Times on every entry, to tell what happened in the window from what happened at the stop.
                     "--Logging:Console:TimestampFormat=HH:mm:ss.fff ",
                     "--Logging:Console:UseUtcTimestamp=true"])
        {
            info.ArgumentList.Add(argument);
        }
        // Only the command line configures the silo, nothing of the caller's environment.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ContactCenter__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["SILO_LOG"] = logPath;
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        StartWatchdog(process.Id, Path.GetFileName(dll));
        return new SiloProcess(number, siloPort, gatewayPort, logPath, process);
    }

    /// <summary>CPU seconds used so far (user + system), from /proc.</summary>
    public double CpuSeconds() => ProcFs.CpuSeconds(Pid) ?? 0;

    /// <summary>SIGTERM (the way systemd stops the product), SIGKILL after <paramref name="grace"/>; whether it stopped by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (process.HasExited) return true;
        SysKill(process.Id, 15);
        using (var timeout = new CancellationTokenSource(grace))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                // Still running: killed below.
            }
        }
        process.Kill();
        await process.WaitForExitAsync();
        return false;
    }

    /// <summary>The last lines of the silo's log, for a start that failed.</summary>
    public string Tail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return string.Join(Environment.NewLine, new StreamReader(stream).ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(could not read {LogPath}: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static void StartWatchdog(int pid, string dllName)
    {
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in (string[])["-f", "sh", "-c", WatchdogScript, "cc-cluster-load-watchdog",
                     Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture), dllName])
        {
            info.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(info);
        watchdog?.WaitForExit(TimeSpan.FromSeconds(10));
    }

    // .NET's Process.Kill only sends SIGKILL; a clean stop needs SIGTERM.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
