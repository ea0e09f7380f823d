using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactCenter.VoiceAgentLoad;

// NaN stands for "nothing measured" (no replies at all).
var json = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

// A child runs one size in a fresh process, so each row's CPU and peak memory are its own.
if (args.Length == 4 && args[0] == "--child")
{
    var result = await LoadRun.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
        double.Parse(args[3], CultureInfo.InvariantCulture), line => Console.WriteLine("  " + line));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, json));
    return 0;
}

var settings = BenchmarkSettings.Parse(args);
var runs = settings.Sizes.Select(n => (Calls: n, Limit: Math.Max(n, settings.SpeechLimitFloor))).ToList();
if (settings.LimitedCalls > 0) runs.Add((settings.LimitedCalls, settings.LimitedSpeech));
Console.WriteLine($"{DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}" +
    (settings.SpreadSeconds > 0 ? $", calls dialed over {settings.SpreadSeconds} s" : ", calls dialed at once"));
var results = new List<RunResult>();
foreach (var (calls, limit) in runs)
{
    Console.WriteLine($"{calls} calls, speech admission limit {limit}:");
    if (await RunChildAsync(calls, limit, settings.SpreadSeconds, json) is { } result)
    {
        results.Add(result);
        Console.WriteLine($"  {JsonSerializer.Serialize(result, json)}");
    }
}
Console.WriteLine();
Console.WriteLine(Report.Table(results));
return 0;

static async Task<RunResult?> RunChildAsync(int calls, int limit, double spread, JsonSerializerOptions json)
{
    var self = Environment.ProcessPath!;
    var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(LoadRun).Assembly.Location);
    foreach (var a in new[] { "--child", calls.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture), spread.ToString(CultureInfo.InvariantCulture) })
    {
        info.ArgumentList.Add(a);
    }
    using var child = Process.Start(info)!;
    RunResult? result = null;
    while (await child.StandardOutput.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("RESULT ", StringComparison.Ordinal)) result = JsonSerializer.Deserialize<RunResult>(line["RESULT ".Length..], json);
        else Console.WriteLine(line);
    }
    await child.WaitForExitAsync();
    if (result is null) Console.WriteLine($"  the run failed (exit {child.ExitCode})");
    return result;
}
