using System.Net.Http.Json;
using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.LeadImport;

/// <summary>
/// The product as it runs in production: <c>ContactCenter.Api</c> (API + co-hosted silo) in a process
/// of its own, with its own runtime configuration (server GC), so that its memory and CPU are
/// measured without this driver's. Linux only: memory and CPU come from /proc.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>The first admin's password of the benchmark's throwaway deployment.</summary>
    public const string AdminPassword = "lead-import-benchmark-admin";

    /// <summary>Signs in as admin (session cookie + antiforgery token) and issues an admin API key, as an integration does.</summary>
    public static async Task<string> IssueAdminKeyAsync(Uri baseAddress)
    {
        var cookies = new System.Net.CookieContainer();
        using var session = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        using var login = await session.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        session.DefaultRequestHeaders.Add("X-XSRF-TOKEN", cookies.GetCookies(baseAddress)["XSRF-TOKEN"]?.Value ?? "");
        using var issued = await session.PostAsJsonAsync("/api/api-keys", new { name = "lead import benchmark", role = "admin" });
        issued.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }

    private readonly Process _process;
    private bool _disposed;

    private ApiProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Starts the API of <paramref name="folder"/> and waits until it answers.</summary>
    public static async Task<ApiProcess> StartAsync(string folder, string url, string connectionString, int siloPort, int gatewayPort)
    {
        var dll = Path.Combine(folder, "ContactCenter.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"No ContactCenter.Api.dll in {folder}.", dll);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                dll, "--urls", url, "--ConnectionStrings:ContactCenter", connectionString, "--ContactCenter:ClusterId", "bench",
                "--ContactCenter:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
                "--ContactCenter:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture),
                "--ContactCenter:Admin:Password", AdminPassword,
                "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:ContactCenter.Api.Leads.Imports", "Information",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("  api: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("  api: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    Console.WriteLine($"API ({dll}) answered {waited.Elapsed.TotalSeconds:F2} s after its start");
                    return api;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("The API did not answer within 2 minutes.");
            await Task.Delay(200);
        }
    }

    /// <summary>User + system CPU seconds of every thread of the process so far.</summary>
    public double CpuSeconds() => (ProcStat.Read(Id) ?? throw new InvalidOperationException("The API process is gone.")).OwnSeconds;

    /// <summary>Resident set size in bytes (VmRSS).</summary>
    public long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>Peak resident set size in bytes since start or the last <see cref="ResetPeak"/> (VmHWM).</summary>
    public long PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>Restarts the kernel's peak-RSS count from the current RSS (clear_refs 5).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{Id}/clear_refs", "5");

    private long StatusKilobytes(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"{key} missing from /proc/{Id}/status");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (the silo leaves the cluster).
            Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
