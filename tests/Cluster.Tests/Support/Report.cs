using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// Progress lines and measured figures of one test, to the test output and to stdout alike, each
/// stamped with the seconds since the test began and the wall clock (to match the process logs).
/// </summary>
public sealed class Report(ITestOutputHelper output, string test)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<string> figures = [];

    public TimeSpan Elapsed => clock.Elapsed;

    public void Line(string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0}s {DateTime.UtcNow:HH:mm:ss.fff}] {text}");
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // A background probe may outlive the test; its last words still reach stdout.
        }
        Console.WriteLine($"[{test}] {line}");
    }

    /// <summary>A measured figure, repeated in the summary at the end of the test.</summary>
    public void Figure(string name, FormattableString value)
    {
        var text = $"{name} = {value.ToString(CultureInfo.InvariantCulture)}";
        lock (figures) figures.Add(text);
        Line("FIGURE " + text);
    }

    public void Summary()
    {
        string[] all;
        lock (figures) all = [.. figures];
        Line($"figures of {test}:");
        foreach (var figure in all) Line("  " + figure);
    }
}
