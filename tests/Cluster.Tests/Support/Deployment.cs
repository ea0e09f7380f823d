using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// The product processes of one test, all on one database and one Orleans cluster id of their own:
/// silos started on their own, and an API node (co-hosting a silo, or as a client of the silos).
/// Every process writes its output to a file in <see cref="LogDirectory"/>.
/// </summary>
public sealed partial class Deployment : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly List<ProductProcess> processes = [];
    private readonly Report report;
    private readonly string connectionString;
    private int siloCount;

    public Deployment(string name, string connectionString, Report report)
    {
        this.report = report;
        this.connectionString = connectionString;
        ClusterId = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        LogDirectory = Path.Combine(Path.GetTempPath(), "cc-cluster-test-logs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{ClusterId}");
        Directory.CreateDirectory(LogDirectory);
        report.Line($"cluster id {ClusterId}; process logs in {LogDirectory}");
    }

    public string ClusterId { get; }

    public string LogDirectory { get; }

    /// <summary>Every process this deployment started, dead or alive, in start order.</summary>
    public IReadOnlyList<ProductProcess> Processes => processes;

    public ApiNode? Api { get; private set; }

    /// <summary>A silo process on its own (src/Silo), with its own silo, gateway and metrics ports.</summary>
    public async Task<SiloNode> StartSiloAsync()
    {
        var number = ++siloCount;
        var node = new SiloNode($"silo-{number}", Ports.Free(), Ports.Free(), Ports.Free());
        var process = Launch(node.Name, ProductPaths.SiloDll,
        [
            .. CommonArguments(node.SiloPort, node.GatewayPort),
            $"--ContactCenter:SiloMetricsPort={node.MetricsPort}",
        ]);
        node.Process = process;
        await WaitAsync(process, $"gateway port {node.GatewayPort}", () => Ports.AcceptsAsync(node.GatewayPort));
        report.Line($"{node.Name} up: pid {process.Pid}, silo port {node.SiloPort}, gateway {node.GatewayPort}, metrics {node.MetricsPort}");
        return node;
    }

    /// <summary>The API: <paramref name="mode"/> "Silo" co-hosts a silo in the process, "Client" joins the silos.</summary>
    public async Task<ApiNode> StartApiAsync(string mode)
    {
        var node = new ApiNode(mode, Ports.Free(), Ports.Free(), Ports.Free());
        var process = Launch("api", ProductPaths.ApiDll,
        [
            .. CommonArguments(node.SiloPort, node.GatewayPort),
            $"--ContactCenter:Mode={mode}",
            $"--urls={node.Url}",
            $"--ContactCenter:Admin:Password={ApiClient.AdminPassword}",
        ]);
        node.Process = process;
        Api = node;
        await WaitForApiAsync(node);
        return node;
    }

    /// <summary>Starts the API again with exactly the arguments (database, ports, cluster id) it had.</summary>
    public async Task RestartApiAsync()
    {
        var node = Api ?? throw new InvalidOperationException("No API was started.");
        if (!node.Process.HasExited) throw new InvalidOperationException("The API still runs; stop or kill it first.");
        node.Process = Launch("api", ProductPaths.ApiDll, node.Process.Arguments);
        await WaitForApiAsync(node);
    }

    /// <summary>Prints the last lines of every process's log and a digest of their errors.</summary>
    public void PrintTails(int lines = 40)
    {
        foreach (var process in processes)
        {
            var state = process.HasExited ? $"exited with {process.ExitCode}" : "running";
            report.Line($"---- last {lines} lines of {process.Name} (pid {process.Pid}, {state}), {process.LogPath}:{Environment.NewLine}{process.Tail(lines)}");
        }
    }

    /// <summary>
    /// The distinct errors all processes logged, with counts: console logger "fail:"/"crit:" entries,
    /// "warn:" entries of the product and of grain calls and timers, and any line saying a type is not
    /// allowed. Ids and numbers are masked so that equal messages count together. The evidence for a report.
    /// </summary>
    public string ErrorDigest(int top = 15)
    {
        var counts = new Dictionary<string, int>();
        foreach (var process in processes)
        {
            string[] lines;
            try
            {
                using var stream = new FileStream(process.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                lines = reader.ReadToEnd().Split('\n').Select(StripStamp).ToArray();
            }
            catch (IOException)
            {
                continue;
            }
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                string? key = null;
                if (IsReported(line))
                {
                    // The message, and the exception line after a generic one ("An unhandled exception ...").
                    var message = lines.Skip(i + 1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal))
                        .Take(2).Select(l => l.Trim());
                    key = $"{line[..4]} {line[6..].Trim()} {string.Join(" ", message)}";
                }
                else if (line.Contains("is not allowed", StringComparison.Ordinal))
                {
                    key = line.Trim();
                }
                if (key is null) continue;
                key = $"{process.Name}: {Volatile().Replace(key.Length > 400 ? key[..400] : key, "#")}";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        if (counts.Count == 0) return "no errors logged";
        return string.Join(Environment.NewLine, counts.OrderByDescending(c => c.Value).Take(top).Select(c => $"{c.Value,6} × {c.Key}"));
    }

    private static bool IsReported(string line) =>
        line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal)
        || (line.StartsWith("warn: ", StringComparison.Ordinal) && (line.StartsWith("warn: ContactCenter", StringComparison.Ordinal)
            || line.StartsWith("warn: Orleans.Grain", StringComparison.Ordinal) || line.StartsWith("warn: Orleans.Runtime.GrainTimer", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        // The API first, then the silos, each given a moment to stop cleanly.
        foreach (var process in processes.AsEnumerable().Reverse())
        {
            if (!process.HasExited) await process.StopAsync(TimeSpan.FromSeconds(10));
            await process.DisposeAsync();
        }
    }

    private IEnumerable<string> CommonArguments(int siloPort, int gatewayPort) =>
    [
        $"--ConnectionStrings:ContactCenter={connectionString}",
        $"--ContactCenter:ClusterId={ClusterId}",
        $"--ContactCenter:SiloPort={siloPort}",
        $"--ContactCenter:GatewayPort={gatewayPort}",
        // The product's own decisions at Information; Orleans and ASP.NET Core only when they warn,
        // except membership (who was declared dead when), which the chaos tests read.
        "--Logging:LogLevel:Default=Information",
        "--Logging:LogLevel:Microsoft=Warning",
        "--Logging:LogLevel:Orleans=Warning",
        // Orleans' placement retries log every attempt at Information under this category.
        "--Logging:LogLevel:Polly=Warning",
        "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
    ];

    private ProductProcess Launch(string name, string dll, IReadOnlyList<string> arguments)
    {
        var log = Path.Combine(LogDirectory, $"{name}-{processes.Count(p => p.Name == name) + 1}.log");
        var process = ProductProcess.Start(name, dll, arguments, log);
        processes.Add(process);
        return process;
    }

    private async Task WaitForApiAsync(ApiNode node)
    {
        using var api = new ApiClient(node.BaseAddress);
        await WaitAsync(node.Process, $"{node.Url}/health/ready answering 200", async () => (await api.GetAsync("/health/ready", TimeSpan.FromSeconds(5))).IsSuccess);
        report.Line($"api ({node.Mode} mode) up: pid {node.Process.Pid}, {node.Url}, silo port {node.SiloPort}, gateway {node.GatewayPort}");
    }

    private async Task WaitAsync(ProductProcess process, string what, Func<Task<bool>> ready)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await ready())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{process.Name} exited ({process.ExitCode}) before {what}; last lines of {process.LogPath}:{Environment.NewLine}{process.Tail(40)}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{process.Name}: no {what} after {StartTimeout.TotalSeconds} s; last lines:{Environment.NewLine}{process.Tail(40)}");
            }
            await Task.Delay(250);
        }
    }

    private static string StripStamp(string line) =>
        line.Length > 13 && line[2] == ':' && line[12] == ' ' ? line[13..].TrimEnd('\r') : line.TrimEnd('\r');

    // Ids, numbers and times that differ between otherwise equal messages.
    [GeneratedRegex("[0-9a-f]{12,}|\\b\\d+(\\.\\d+)?\\b")]
    private static partial Regex Volatile();
}
