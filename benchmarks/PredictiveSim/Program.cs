using System.Globalization;
using ContactCenter.Benchmarks.PredictiveSim;

// The production predictive pacer (and, for comparison, Auto's one call per Ready agent) over a simulated floor under
// a fake clock: a working day per configuration in well under a second. Prints one table row per configuration.
var hours = args.Length >= 2 && args[0] is "--hours" or "hours" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 8;
Console.WriteLine($"Simulated {hours} h per configuration; wrap-up 15 s; rings: answered after 4-20 s, unanswered given up after 10-30 s; default predictive settings (target 3 %).");
Console.WriteLine();
Console.WriteLine("| agents | answer | talk | dialer | answered | abandon % (95 % band) | occupancy | wait per connected call |");
Console.WriteLine("| ---: | ---: | ---: | --- | ---: | --- | ---: | ---: |");
foreach (var agents in new[] { 5, 20, 100, 500 })
foreach (var answerRate in new[] { 0.10, 0.30, 0.60 })
foreach (var talk in new[] { 60, 180, 600 })
foreach (var predictive in new[] { true, false })
{
    var result = new FloorSimulation(new FloorConfig(agents, answerRate, talk, predictive, TimeSpan.FromHours(hours), Seed: agents * 1000 + talk)).Run();
    Console.WriteLine(result.Row());
}
