using System.Collections.Concurrent;

namespace ContactCenter.Silo.Tests.Hosting.TestGrains;

/// <summary>
/// Lets a test wait for a reminder tick without calling the grain (a call would activate it and
/// prove nothing). Test-cluster silos run in the test process, so a static is shared with them.
/// </summary>
public static class ReminderProbe
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<string>> Waiters = new();

    /// <summary>Completes with the reminder name at the next tick for <paramref name="grainKey"/>.</summary>
    public static Task<string> NextTickAsync(string grainKey)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Waiters[grainKey] = waiter;
        return waiter.Task;
    }

    public static void Record(string grainKey, string reminderName)
    {
        if (Waiters.TryRemove(grainKey, out var waiter))
        {
            waiter.TrySetResult(reminderName);
        }
    }
}
