using System.Diagnostics;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>Bounded polling that explains itself: the failure message carries what the test saw.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan timeout, Func<string>? explain = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.\n{explain?.Invoke()}");
            await Task.Delay(10);
        }
    }
}
