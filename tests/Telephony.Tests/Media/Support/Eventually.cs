using System.Diagnostics;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>Bounded polling for conditions that become true when UDP packets arrive.</summary>
public static class Eventually
{
    /// <summary>Waits up to <paramref name="timeout"/> (default 5 s) for the condition, then throws.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit) throw new TimeoutException($"Timed out after {limit.TotalSeconds} s waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
