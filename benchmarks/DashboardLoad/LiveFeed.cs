using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// A supervisor's page on GET /api/events: reads the stream as it arrives, stamps every 'dashboard'
/// event, and completes the one agent change the probe waits for when its 'agent' event arrives.
/// </summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<long> dashboardStamps = new();
    private readonly Task reading;
    private Expected? expected;
    private long agentEvents;

    private LiveFeed(HttpClient http, HttpResponseMessage response, Stream stream)
    {
        this.http = http;
        this.response = response;
        reading = Task.Run(() => ReadAsync(stream, stop.Token));
    }

    /// <summary>'agent' events read so far (every agent of every campaign the supervisor sees).</summary>
    public long AgentEvents => Interlocked.Read(ref agentEvents);

    public static async Task<LiveFeed> ConnectAsync(ApiNode node, string key)
    {
        var http = node.Client(key, Timeout.InfiniteTimeSpan);
        var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new LiveFeed(http, response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Stopwatch stamps of the 'dashboard' events that arrived at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<long> DashboardStampsSince(long since) => [.. dashboardStamps.Where(s => s >= since)];

    /// <summary>
    /// Sends a change and returns the milliseconds from sending it to its 'agent' event (the agent
    /// with <paramref name="agentId"/> in <paramref name="status"/>, and <paramref name="pauseReason"/>
    /// when given); null when no such event came within <paramref name="timeout"/>.
    /// </summary>
    public async Task<double?> TimeChangeAsync(string agentId, string status, string? pauseReason, Func<Task> change, TimeSpan timeout)
    {
        var waiter = new Expected(agentId, status, pauseReason);
        Volatile.Write(ref expected, waiter);
        var started = Stopwatch.GetTimestamp();
        await change();
        var arrived = await Task.WhenAny(waiter.Arrived.Task, Task.Delay(timeout)) == waiter.Arrived.Task ? waiter.Arrived.Task.Result : (long?)null;
        Volatile.Write(ref expected, null);
        return arrived is { } at ? Stopwatch.GetElapsedTime(started, at).TotalMilliseconds : null;
    }

    private async Task ReadAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
            {
                var at = Stopwatch.GetTimestamp();
                if (item.EventType == "dashboard") dashboardStamps.Enqueue(at);
                else if (item.EventType == "agent")
                {
                    Interlocked.Increment(ref agentEvents);
                    if (Volatile.Read(ref expected) is { } waiter && item.Data.Contains(waiter.AgentId, StringComparison.Ordinal) && waiter.Matches(item.Data))
                        waiter.Arrived.TrySetResult(at);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The benchmark hung up.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        await reading;
        http.Dispose();
        stop.Dispose();
    }

    private sealed record Expected(string AgentId, string Status, string? PauseReason)
    {
        public TaskCompletionSource<long> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var agent = doc.RootElement;
            return agent.GetProperty("id").GetString() == AgentId
                && agent.GetProperty("status").GetString() == Status
                && (PauseReason is null || agent.GetProperty("pauseReason").GetString() == PauseReason);
        }
    }
}
