using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Api.Hosting;
using ContactCenter.LeadImport;
using ContactCenter.Silo.Database;
using Microsoft.Extensions.Configuration;
using Npgsql;

// Lead import benchmark: the same generated CSV goes (1) through our HTTP import endpoint into
// `leads` and (2) through psql's \copy into a bare table; prints rows/s of both and our memory.
// Arguments: [rows] [--cold]. By default a 300,000-row import runs first, so the measured import
// sees a server that has imported before (JIT tiers settled, libphonenumber's patterns built);
// --cold measures the very first import of a fresh process instead.
var cold = args.Contains("--cold");
var rows = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 1_000_000;
var work = Path.Combine(Path.GetTempPath(), "cc-lead-import-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var csvPath = Path.Combine(work, "leads.csv");

var clock = Stopwatch.StartNew();
LeadCsvGenerator.Write(csvPath, rows);
var csvBytes = new FileInfo(csvPath).Length;
Console.WriteLine($"Generated {rows:N0} rows, {csvBytes / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s: {csvPath}");

await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = Path.Combine(work, "pg"), Throwaway = true });
var connectionString = await postgres.CreateDatabaseAsync("bench");
var url = $"http://127.0.0.1:{FreePort()}";
await using var app = await ContactCenterApp.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:ContactCenter"] = connectionString,
    ["urls"] = url,
    ["ContactCenter:ClusterId"] = "bench",
    ["ContactCenter:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
    ["ContactCenter:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:ContactCenter.Api.Leads.Imports"] = "Information",
}));
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30) };

// 1. psql \copy into a bare table with the file's columns: the floor for getting these bytes into PostgreSQL.
var target = new NpgsqlConnectionStringBuilder(connectionString);
await using (var db = NpgsqlDataSource.Create(connectionString))
await using (var create = db.CreateCommand("CREATE TABLE bare_leads (first_name text, last_name text, address text, city text, state text, zip text, country text, phone text, email text, gender text, comments text, tags text)"))
    await create.ExecuteNonQueryAsync();
var pgData = Path.Combine(work, "pg");
var pgCpuBeforeCopy = PostgresCpu.Seconds(pgData);
clock.Restart();
var psql = Process.Start(new ProcessStartInfo("psql", ["-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database!,
    "-v", "ON_ERROR_STOP=1", "-c", $"\\copy bare_leads FROM '{csvPath}' WITH (FORMAT csv, HEADER true)"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
var psqlOut = await psql.StandardOutput.ReadToEndAsync() + await psql.StandardError.ReadToEndAsync();
await psql.WaitForExitAsync();
var copySeconds = clock.Elapsed.TotalSeconds;
await Task.Delay(500); // lets the postmaster reap psql's backend, whose CPU then shows in its children's counters
var pgCpuCopy = PostgresCpu.Seconds(pgData) - pgCpuBeforeCopy;
if (psql.ExitCode != 0) throw new InvalidOperationException("psql failed: " + psqlOut);
Console.WriteLine($"psql \\copy: {psqlOut.Trim()} in {copySeconds:F2} s");

// 2. Our import through the API, from the upload's first byte to status Completed.
if (!cold)
{
    var warmUpPath = Path.Combine(work, "warm-up.csv");
    LeadCsvGenerator.Write(warmUpPath, Math.Min(rows, 300_000));
    var warmUpList = await (await http.PostAsJsonAsync("/api/lists", new { name = "Warm-up", defaultRegion = "US" })).Content.ReadFromJsonAsync<JsonNode>();
    clock.Restart();
    var warmUp = await ImportAsync(http, warmUpList!["id"]!.GetValue<long>(), warmUpPath);
    Console.WriteLine($"Warm-up import of {warmUp["imported"]} rows into another list in {clock.Elapsed.TotalSeconds:F2} s");
}
var list = await (await http.PostAsJsonAsync("/api/lists", new { name = "Benchmark", defaultRegion = "US" })).Content.ReadFromJsonAsync<JsonNode>();
GC.Collect();
// A freshly started app keeps a core partly busy for a while (the JIT recompiling the startup
// paths at full optimisation, Orleans settling in): wait, up to a minute, until it idles.
double idleCpuPerSecond;
var settling = Stopwatch.StartNew();
do
{
    var idleCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    await Task.Delay(TimeSpan.FromSeconds(1));
    idleCpuPerSecond = (Process.GetCurrentProcess().TotalProcessorTime - idleCpuBefore).TotalSeconds;
}
while (idleCpuPerSecond > 0.05 && settling.Elapsed < TimeSpan.FromMinutes(1));
Console.WriteLine($"App idle after {settling.Elapsed.TotalSeconds:F0} s ({idleCpuPerSecond:F3} CPU s/s)");
var baseline = Process.GetCurrentProcess().WorkingSet64;
var peakWorkingSet = baseline;
long peakManaged = 0;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        using var self = Process.GetCurrentProcess();
        peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
        peakManaged = Math.Max(peakManaged, GC.GetGCMemoryInfo().HeapSizeBytes);
        try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
    }
});
var allocatedBefore = GC.GetTotalAllocatedBytes();
var appCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var pgCpuBeforeImport = PostgresCpu.Seconds(pgData);
clock.Restart();
var status = await ImportAsync(http, list!["id"]!.GetValue<long>(), csvPath, () => Console.WriteLine($"Upload accepted after {clock.Elapsed.TotalSeconds:F2} s"));
var importSeconds = clock.Elapsed.TotalSeconds;
var appCpu = (Process.GetCurrentProcess().TotalProcessorTime - appCpuBefore).TotalSeconds;
var pgCpuImport = PostgresCpu.Seconds(pgData) - pgCpuBeforeImport;
await sampling.CancelAsync();
await sampler;
using var me = Process.GetCurrentProcess();
Console.WriteLine($"Import: {status.ToJsonString()}");
if (status["status"]!.GetValue<string>() != "Completed" || status["imported"]!.GetValue<long>() != rows) throw new InvalidOperationException("The import did not load every row.");

var ourRate = rows / importSeconds;
var copyRate = rows / copySeconds;
Console.WriteLine();
Console.WriteLine($"| {rows:N0} rows, {csvBytes / 1e6:F0} MB, 12 columns ({(cold ? "first import of a fresh process" : "after a 300,000-row warm-up import")}) | seconds | rows/s |");
Console.WriteLine("| --- | ---: | ---: |");
Console.WriteLine($"| psql \\copy into a bare table | {copySeconds:F2} | {copyRate:N0} |");
Console.WriteLine($"| POST /api/lists/{{id}}/imports to Completed | {importSeconds:F2} | {ourRate:N0} |");
Console.WriteLine($"| ratio (ours / bare COPY time) | {importSeconds / copySeconds:F2}x | |");
Console.WriteLine();
Console.WriteLine($"CPU seconds: psql \\copy: PostgreSQL {pgCpuCopy:F2}; our import: app process {appCpu:F2} (on {Environment.ProcessorCount} cores), PostgreSQL {pgCpuImport:F2}");
Console.WriteLine($"Memory of the process (API + co-hosted silo + this driver): working set before {baseline / 1e6:F0} MB, peak during import {peakWorkingSet / 1e6:F0} MB (OS peak {me.PeakWorkingSet64 / 1e6:F0} MB incl. CSV generation); GC heap peak {peakManaged / 1e6:F0} MB; allocated during import {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e6:F0} MB");

await app.StopAsync();
await app.DisposeAsync();
await postgres.DisposeAsync();
try { Directory.Delete(work, recursive: true); } catch (IOException) { }

static async Task<JsonNode> ImportAsync(HttpClient http, long listId, string path, Action? accepted = null)
{
    await using var file = File.OpenRead(path);
    using var form = new MultipartFormDataContent();
    var content = new StreamContent(file, 1 << 16);
    content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    form.Add(content, "file", Path.GetFileName(path));
    var response = await http.PostAsync($"/api/lists/{listId}/imports", form);
    var job = await response.Content.ReadFromJsonAsync<JsonNode>();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException("Import refused: " + job);
    accepted?.Invoke();
    while (true)
    {
        var status = (await http.GetFromJsonAsync<JsonNode>($"/api/imports/{job!["id"]}"))!;
        if (status["status"]!.GetValue<string>() != "Running") return status;
        await Task.Delay(50);
    }
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
