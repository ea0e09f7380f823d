using System.Globalization;
using ContactCenter.SpeechLoad;

// Usage: dotnet run -c Release --project benchmarks/SpeechLoad [-- --streams 10,50,100 --seconds 20 --process]
var levels = Arg("--streams", "10,50,100").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var seconds = int.Parse(Arg("--seconds", "20"), CultureInfo.InvariantCulture);
var process = args.Contains("--process");
StreamingLoad.Workers = int.Parse(Arg("--workers", "0"), CultureInfo.InvariantCulture);

var audio = await CallerAudio.RenderAsync();
var results = new List<LoadResult>();
foreach (var streams in levels)
{
    var result = await StreamingLoad.RunAsync(streams, TimeSpan.FromSeconds(seconds), audio, process);
    Console.Error.WriteLine(result.Row());
    foreach (var miss in StreamingLoad.Misses)
    {
        Console.Error.WriteLine($"  {miss.Value} x {miss.Key}");
    }

    StreamingLoad.Misses.Clear();
    results.Add(result);
}

Console.WriteLine(LoadResult.Header());
results.ForEach(r => Console.WriteLine(r.Row()));

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
