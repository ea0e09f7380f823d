namespace ContactCenter.Cluster.Tests.Support;

/// <summary>
/// Soft assertions: a test of a whole recovery sequence records every broken promise with its
/// evidence and goes on where the next step still means something, then fails once listing them all.
/// </summary>
public sealed class Checks(Report report)
{
    private readonly List<string> failures = [];

    public IReadOnlyList<string> Failures
    {
        get { lock (failures) return [.. failures]; }
    }

    /// <summary>Records the outcome of one promise; returns whether it held.</summary>
    public bool That(bool held, string promise, string? evidence = null)
    {
        var text = evidence is null ? promise : $"{promise} ({evidence})";
        if (held)
        {
            report.Line("ok:   " + text);
            return true;
        }
        lock (failures) failures.Add(text);
        report.Line("FAIL: " + text);
        return false;
    }

    /// <summary>A failure that ends the test at once: what follows would only repeat it.</summary>
    public Exception Fatal(string promise, string? evidence = null)
    {
        That(false, promise, evidence);
        return new CheckFailedException(Describe());
    }

    public void ThrowIfAny()
    {
        if (Failures.Count > 0) throw new CheckFailedException(Describe());
    }

    private string Describe() => $"{Failures.Count} promise(s) broken:{Environment.NewLine}" +
        string.Join(Environment.NewLine, Failures.Select((f, i) => $"{i + 1}. {f}"));
}
