using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// One product process (<c>dotnet ContactCenter.Silo.dll</c> or <c>ContactCenter.Api.dll</c>) with its
/// stdout and stderr written, line by line and time-stamped, to a log file.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    // Stops the process when the test host dies without disposing it (a killed or crashed test run),
    // so no silo is left holding ports and CPU. setsid -f puts it outside our process tree.
    // $1 owner pid, $2 product pid, $3 the dll the product pid must still run (pids are reused).
    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do kill -0 "$2" || exit 0; sleep 1; done
        tr '\0' ' ' < "/proc/$2/cmdline" | grep -qF "$3" && kill -9 "$2"
        """;

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock gate = new();

    private ProductProcess(string name, string logPath, Process process, StreamWriter log, IReadOnlyList<string> arguments)
    {
        Name = name;
        LogPath = logPath;
        this.process = process;
        this.log = log;
        Arguments = arguments;
    }

    public string Name { get; }

    public string LogPath { get; }

    /// <summary>The arguments after the dll, to start an identical process again.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> in the dll's folder.</summary>
    public static ProductProcess Start(string name, string dll, IReadOnlyList<string> arguments, string logPath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            // A host watches its content root (the working directory) for appsettings changes.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Only the command line configures the product: nothing of the developer's environment.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ContactCenter__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log.WriteLine($"# {DateTime.UtcNow:O} dotnet {dll} {string.Join(' ', arguments)}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new ProductProcess(name, logPath, process, log, arguments);
        process.OutputDataReceived += (_, e) => started.Write(e.Data, "");
        process.ErrorDataReceived += (_, e) => started.Write(e.Data, "[stderr] ");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        StartWatchdog(process.Id, dll);
        return started;
    }

    /// <summary>SIGTERM, the way systemd or Ctrl-C stop the product.</summary>
    public void Terminate() => Signals.Send(process.Id, Signals.Term);

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill() => Signals.Send(process.Id, Signals.Kill);

    /// <summary>Waits for the exit; false when the process still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; returns whether it stopped by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (process.HasExited) return true;
        Terminate();
        if (await WaitForExitAsync(grace)) return true;
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        return false;
    }

    /// <summary>The last <paramref name="lines"/> lines of the log.</summary>
    public string Tail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var tail = new Queue<string>();
            while (reader.ReadLine() is { } line)
            {
                tail.Enqueue(line);
                if (tail.Count > lines) tail.Dequeue();
            }
            return string.Join(Environment.NewLine, tail);
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
            Kill();
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        lock (gate) log.Dispose();
        process.Dispose();
    }

    private void Write(string? line, string prefix)
    {
        if (line is null) return;
        lock (gate)
        {
            try
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {prefix}{line}"));
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the test let go of the process.
            }
        }
    }

    private static void StartWatchdog(int pid, string dll)
    {
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-f", "sh", "-c", WatchdogScript, "cc-cluster-test-watchdog",
                     Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture), Path.GetFileName(dll)])
        {
            info.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(info);
        watchdog?.WaitForExit(TimeSpan.FromSeconds(10));
    }
}
