using System.Diagnostics;

namespace ContactCenter.Benchmarks.DashboardLoad;

/// <summary>
/// Agent changes sent one at a time by the admin, each timed until the supervisor's live feed
/// carries it. On the idle floor agents go Ready and back to Paused; on the running floor a Ready
/// agent would be taken by the dialer within a pacing turn, so Paused agents change pause reason
/// instead (the same path: the agent's state write, the floor grain, this node's observer, the stream).
/// </summary>
public static class LiveProbe
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);

    public static async Task<LiveFigures> ReadyPauseAsync(LiveFeed feed, HttpClient admin, Floor floor, int changes, Dictionary<string, string> reasons)
    {
        var agents = floor.Paused.ToList();
        var eventsBefore = feed.AgentEvents;
        var clock = Stopwatch.StartNew();
        var times = new List<double?>();
        for (var k = 0; k < changes; k++)
        {
            var agent = agents[k / 2 % agents.Count].Id;
            times.Add(k % 2 == 0
                ? await feed.TimeChangeAsync(agent, "Ready", null, () => FloorApi.PostAsync(admin, $"/api/agents/{agent}/ready"), EventTimeout)
                : await feed.TimeChangeAsync(agent, "Paused", "Break", () => FloorApi.PostAsync(admin, $"/api/agents/{agent}/pause", new { reason = "Break" }), EventTimeout));
            reasons[agent] = "Break";
        }
        // Leave no probe agent Ready: the running floor's dialer would take it.
        if (changes % 2 == 1) await FloorApi.PostAsync(admin, $"/api/agents/{agents[(changes - 1) / 2 % agents.Count].Id}/pause", new { reason = "Break" });
        return Figures("idle", "Paused → Ready, Ready → Paused", times, (feed.AgentEvents - eventsBefore) / clock.Elapsed.TotalSeconds);
    }

    public static async Task<LiveFigures> PauseReasonAsync(LiveFeed feed, HttpClient admin, Floor floor, int changes, Dictionary<string, string> reasons)
    {
        var agents = floor.Paused.ToList();
        var eventsBefore = feed.AgentEvents;
        var clock = Stopwatch.StartNew();
        var times = new List<double?>();
        for (var k = 0; k < changes; k++)
        {
            var agent = agents[k % agents.Count].Id;
            var reason = reasons.GetValueOrDefault(agent) == "Break" ? "Lunch" : "Break";
            times.Add(await feed.TimeChangeAsync(agent, "Paused", reason, () => FloorApi.PostAsync(admin, $"/api/agents/{agent}/pause", new { reason }), EventTimeout));
            reasons[agent] = reason;
        }
        return Figures("running", "Paused → Paused (new reason)", times, (feed.AgentEvents - eventsBefore) / clock.Elapsed.TotalSeconds);
    }

    private static LiveFigures Figures(string floor, string change, List<double?> times, double agentEventsPerSecond)
    {
        var arrived = new Percentiles(times.Where(t => t is not null).Select(t => t!.Value));
        return new LiveFigures(floor, change, times.Count, times.Count(t => t is null), arrived.At(0.50), arrived.At(0.99), arrived.Max, agentEventsPerSecond);
    }
}
