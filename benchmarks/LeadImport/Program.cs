using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Pacing;
using ContactCenter.LeadImport;
using ContactCenter.Silo.Database;
using Npgsql;

// Lead import benchmark: the same generated CSV goes (1) through psql's \copy into a bare table,
// (2) through our HTTP import endpoint into `leads`, and (3) as the rows our import stored, through
// psql's binary \copy into a table shaped and indexed as `leads`; prints rows/s, ratios, CPU and the
// memory of the API process (which runs on its own, as in production).
// Arguments: [rows] [--cold] [--api=<folder>]. By default warm-up imports run first, so the measured
// import sees a server that has imported before (hot paths compiled at tier 1, libphonenumber's patterns
// built); --cold measures the very first import of a fresh process instead. --api runs the
// ContactCenter.Api.dll of another folder (a `dotnet publish` output) instead of the build next to this one.
var cold = args.Contains("--cold");
var apiFolder = args.FirstOrDefault(a => a.StartsWith("--api=", StringComparison.Ordinal))?["--api=".Length..] ?? AppContext.BaseDirectory;
var rows = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 1_000_000;
const int WarmUpRounds = 4;
const int WarmUpRows = 300_000;
var work = Path.Combine(Path.GetTempPath(), "cc-lead-import-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var csvPath = Path.Combine(work, "leads.csv");

var clock = Stopwatch.StartNew();
LeadCsvGenerator.Write(csvPath, rows);
var csvBytes = new FileInfo(csvPath).Length;
Console.WriteLine($"Generated {rows:N0} rows, {csvBytes / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s: {csvPath}");

var pgData = Path.Combine(work, "pg");
await using var postgres = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = pgData, Throwaway = true });
var connectionString = await postgres.CreateDatabaseAsync("bench");
var target = new NpgsqlConnectionStringBuilder(connectionString);
// The product connects as the ordinary role the local server hands out, owner of its database, as on
// a managed PostgreSQL: no superuser powers. psql below connects as the same role.
var appConnectionString = connectionString;
var url = $"http://127.0.0.1:{FreePort()}";
await using var api = await ApiProcess.StartAsync(apiFolder, url, appConnectionString, FreePort(), FreePort());
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await ApiProcess.IssueAdminKeyAsync(new Uri(url)));

// 1. psql \copy into a bare table with the file's columns: the floor for getting these bytes into PostgreSQL.
await PsqlAsync("CREATE TABLE bare_leads (first_name text, last_name text, address text, city text, state text, zip text, country text, phone text, email text, gender text, comments text, tags text)");
var (copySeconds, pgCpuCopy, psqlOut) = await PsqlAsync($"\\copy bare_leads FROM '{csvPath}' WITH (FORMAT csv, HEADER true)");
Console.WriteLine($"psql \\copy: {psqlOut.Trim()} in {copySeconds:F2} s");

// 2. Our import through the API, from the upload's first byte to status Completed.
if (!cold)
{
    // A server that has run for a while has its per-row code compiled at full optimisation. A young
    // process is still getting there: tiered compilation with dynamic PGO moves a method through
    // three tiers, the background compiler has thousands of methods queued, and the import's
    // busiest methods reached tier 1 only during the third or fourth 300,000-row import
    // (DOTNET_JitDisasmSummary, 2026-11-24). Until then the import runs partly unoptimised code.
    var warmUpPath = Path.Combine(work, "warm-up.csv");
    LeadCsvGenerator.Write(warmUpPath, Math.Min(rows, WarmUpRows));
    for (var round = 1; round <= WarmUpRounds; round++)
    {
        var warmUpList = await (await http.PostAsJsonAsync("/api/lists", new { name = $"Warm-up {round}", defaultRegion = "US" })).Content.ReadFromJsonAsync<JsonNode>();
        clock.Restart();
        var warmUp = await ImportAsync(http, warmUpList!["id"]!.GetValue<long>(), warmUpPath);
        Console.WriteLine($"Warm-up import {round}: {warmUp["imported"]} rows into another list in {clock.Elapsed.TotalSeconds:F2} s");
    }
}
var list = await (await http.PostAsJsonAsync("/api/lists", new { name = "Benchmark", defaultRegion = "US" })).Content.ReadFromJsonAsync<JsonNode>();
// A freshly started app keeps a core partly busy for a while (the JIT recompiling the startup
// paths at full optimisation, Orleans settling in): wait, up to a minute, until it idles.
double idleCpuPerSecond;
var settling = Stopwatch.StartNew();
do
{
    var idleCpuBefore = api.CpuSeconds();
    await Task.Delay(TimeSpan.FromSeconds(1));
    idleCpuPerSecond = api.CpuSeconds() - idleCpuBefore;
}
while (idleCpuPerSecond > 0.05 && settling.Elapsed < TimeSpan.FromMinutes(1));
Console.WriteLine($"App idle after {settling.Elapsed.TotalSeconds:F0} s ({idleCpuPerSecond:F3} CPU s/s)");
var baseline = api.ResidentBytes();
api.ResetPeak();
var peakSampled = baseline;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        peakSampled = Math.Max(peakSampled, api.ResidentBytes());
        try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
    }
});
var appCpuBefore = api.CpuSeconds();
var pgCpuBeforeImport = PostgresCpu.Seconds(pgData);
clock.Restart();
var status = await ImportAsync(http, list!["id"]!.GetValue<long>(), csvPath, () => Console.WriteLine($"Upload accepted after {clock.Elapsed.TotalSeconds:F2} s"));
var importSeconds = clock.Elapsed.TotalSeconds;
var appCpu = api.CpuSeconds() - appCpuBefore;
var pgCpuImport = PostgresCpu.Seconds(pgData) - pgCpuBeforeImport;
await sampling.CancelAsync();
await sampler;
var peakKernel = api.PeakResidentBytes();
Console.WriteLine($"Import: {status.ToJsonString()}");
if (status["status"]!.GetValue<string>() != "Completed" || status["imported"]!.GetValue<long>() != rows) throw new InvalidOperationException("The import did not load every row.");

// 3. The same rows, already normalized and encoded, copied by psql into a table shaped and indexed
// as `leads` (its defaults, check constraint, primary key and indexes; like our import, without the
// per-row foreign-key trigger): what PostgreSQL alone needs to store them, whatever the client does.
const string LeadColumns = "list_id, first_name, last_name, address, city, state, postal_code, country, phone, alt_phones, gender, email, comments, custom_fields, tags, time_zone, status";
var rowsPath = Path.Combine(work, "leads.bin");
await PsqlAsync($"\\copy (SELECT {LeadColumns} FROM leads WHERE list_id = {list["id"]} ORDER BY id) TO '{rowsPath}' WITH (FORMAT binary)");
await PsqlAsync("CREATE TABLE leads_floor (LIKE leads INCLUDING ALL)");
var (floorSeconds, pgCpuFloor, _) = await PsqlAsync($"\\copy leads_floor ({LeadColumns}) FROM '{rowsPath}' WITH (FORMAT binary)");

// 4. The dialer's side of a big list: a campaign's hopper claiming its next 20 leads from the
// list just imported, as the campaign grain does on every refill (distinct campaigns, so every
// claim takes 20 more leads; the first claim also warms the statement up).
var claimMilliseconds = new List<double>();
await using (var appDb = NpgsqlDataSource.Create(appConnectionString))
{
    var hopper = new HopperStore(appDb);
    var openAllDay = new CallingWindow { Start = "00:00", End = "23:59" };
    for (var claim = 0; claim <= 20; claim++)
    {
        var started = Stopwatch.StartNew();
        var claimed = await hopper.ClaimAsync($"bench-campaign-{claim}", [list["id"]!.GetValue<long>()], openAllDay, 3, 20, DateTimeOffset.UtcNow);
        if (claim > 0) claimMilliseconds.Add(started.Elapsed.TotalMilliseconds);
        if (claimed.Count != 20) throw new InvalidOperationException($"A hopper claim returned {claimed.Count} leads instead of 20.");
    }
}
claimMilliseconds.Sort();

Console.WriteLine();
Console.WriteLine($"| {rows:N0} rows, {csvBytes / 1e6:F0} MB, 12 columns ({(cold ? "first import of a fresh process" : $"after {WarmUpRounds} warm-up imports of {WarmUpRows:N0} rows")}) | seconds | rows/s |");
Console.WriteLine("| --- | ---: | ---: |");
Console.WriteLine($"| psql \\copy into a bare table | {copySeconds:F2} | {rows / copySeconds:N0} |");
Console.WriteLine($"| psql \\copy of the stored rows (binary) into a table shaped and indexed as leads | {floorSeconds:F2} | {rows / floorSeconds:N0} |");
Console.WriteLine($"| POST /api/lists/{{id}}/imports to Completed | {importSeconds:F2} | {rows / importSeconds:N0} |");
Console.WriteLine($"| ratio: ours / bare COPY | {importSeconds / copySeconds:F2}x | |");
Console.WriteLine($"| ratio: leads-shaped COPY / bare COPY | {floorSeconds / copySeconds:F2}x | |");
Console.WriteLine($"| ratio: ours / leads-shaped COPY | {importSeconds / floorSeconds:F2}x | |");
Console.WriteLine();
Console.WriteLine($"CPU seconds: bare \\copy: PostgreSQL {pgCpuCopy:F2}; leads-shaped \\copy: PostgreSQL {pgCpuFloor:F2}; our import: API process {appCpu:F2} (on {Environment.ProcessorCount} cores), PostgreSQL {pgCpuImport:F2}");
Console.WriteLine($"Hopper claim of 20 leads from the {rows:N0}-lead list: median {claimMilliseconds[claimMilliseconds.Count / 2]:F1} ms, slowest {claimMilliseconds[^1]:F1} ms (20 claims)");
Console.WriteLine($"Memory of the API process (API + co-hosted silo): resident before the import {baseline / 1e6:F0} MB, peak during it {Math.Max(peakSampled, peakKernel) / 1e6:F0} MB (kernel's VmHWM {peakKernel / 1e6:F0} MB, sampled every 20 ms {peakSampled / 1e6:F0} MB)");

await api.DisposeAsync();
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

// Runs one psql command against the benchmark database; returns its wall time, the CPU time PostgreSQL
// spent meanwhile, and psql's output.
async Task<(double Seconds, double? PostgresCpu, string Output)> PsqlAsync(string command)
{
    var cpuBefore = PostgresCpu.Seconds(pgData);
    var started = Stopwatch.StartNew();
    var psql = new ProcessStartInfo("psql", ["-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database!,
        "-v", "ON_ERROR_STOP=1", "-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
    // In the environment, not on the command line, where every local user could read it.
    psql.Environment["PGPASSWORD"] = target.Password;
    var process = Process.Start(psql)!;
    var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var seconds = started.Elapsed.TotalSeconds;
    await Task.Delay(500); // lets the postmaster reap psql's backend, whose CPU then shows in its children's counters
    if (process.ExitCode != 0) throw new InvalidOperationException("psql failed: " + output);
    return (seconds, PostgresCpu.Seconds(pgData) - cpuBefore, output);
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
