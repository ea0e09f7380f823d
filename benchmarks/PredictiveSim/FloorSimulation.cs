using ContactCenter.Grains.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Benchmarks.PredictiveSim;

/// <summary>
/// A discrete-time floor, one-second steps: calls ring and are answered or given up, answered calls take the Ready
/// agent free longest or are abandoned, agents talk (exponential) and wrap up (15 s). The pacing decision each step
/// is the production <see cref="PredictivePacer"/> fed by the production <see cref="PacingStatistics"/>, reported to
/// as the campaign grain reports (an attempt when its call ends, a handle time when an agent frees).
/// </summary>
public sealed class FloorSimulation(FloorConfig config)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private const double WrapUpSeconds = 15;
    // Statistics are thin at the start of the day; the day's figures are taken after this.
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly Random random = new(config.Seed);
    private readonly PriorityQueue<Action, DateTimeOffset> events = new();
    private readonly SortedSet<(DateTimeOffset ReadySince, int Agent)> ready = [];
    private int busy, ringing;
    private long answered, abandoned, connected;
    private double busySeconds, readySeconds;
    private DateTimeOffset measureFrom;

    public FloorResult Run()
    {
        var statistics = new PacingStatistics(clock, () => TimeSpan.FromMinutes(15));
        var pacer = new PredictivePacer(new Hopper("sim", new NoLeads(), clock), statistics, () => new PredictiveSettings());
        for (var a = 0; a < config.Agents; a++) ready.Add((clock.GetUtcNow(), a));
        var start = clock.GetUtcNow();
        var end = start + config.Length;
        measureFrom = start + Settle;
        var readyIds = new List<string>();
        while (clock.GetUtcNow() < end)
        {
            clock.Advance(Step);
            var now = clock.GetUtcNow();
            while (events.TryPeek(out _, out var at) && at <= now) events.Dequeue()();
            if (now >= measureFrom)
            {
                busySeconds += busy * Step.TotalSeconds;
                readySeconds += ready.Count * Step.TotalSeconds;
            }
            readyIds.Clear();
            foreach (var (_, agent) in ready) readyIds.Add(agent.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var floor = new PacingFloor(new ClaimRules([], new CallingWindow(), 1), readyIds, 0, ringing, busy, ringing);
            var calls = config.Predictive ? pacer.CallsToPlace(floor) : Math.Max(0, ready.Count - ringing);
            for (var i = 0; i < calls; i++) Place(statistics, now);
        }
        var loggedIn = config.Agents * (config.Length - Settle).TotalSeconds;
        return new FloorResult(config, answered, abandoned, busySeconds / loggedIn, connected == 0 ? double.NaN : readySeconds / connected);
    }

    private void Place(PacingStatistics statistics, DateTimeOffset now)
    {
        ringing++;
        if (random.NextDouble() >= config.AnswerRate)
        {
            var ring = TimeSpan.FromSeconds(10 + random.NextDouble() * 20);
            events.Enqueue(() => { ringing--; statistics.Attempted(false, false, ring); }, now + ring);
            return;
        }
        var toAnswer = TimeSpan.FromSeconds(4 + random.NextDouble() * 16);
        events.Enqueue(() => Answer(statistics, toAnswer), now + toAnswer);
    }

    private void Answer(PacingStatistics statistics, TimeSpan ring)
    {
        ringing--;
        var now = clock.GetUtcNow();
        if (ready.Count == 0)
        {
            statistics.Attempted(true, true, ring);
            Count(abandonedCall: true);
            return;
        }
        var agent = ready.Min;
        ready.Remove(agent);
        busy++;
        Count(abandonedCall: false);
        var talk = TimeSpan.FromSeconds(Math.Max(5, -Math.Log(1 - random.NextDouble()) * config.TalkSeconds));
        events.Enqueue(() => statistics.Attempted(true, false, ring), now + talk);
        events.Enqueue(() =>
        {
            busy--;
            statistics.Handled(talk + TimeSpan.FromSeconds(WrapUpSeconds));
            ready.Add((clock.GetUtcNow(), agent.Agent));
        }, now + talk + TimeSpan.FromSeconds(WrapUpSeconds));
    }

    private void Count(bool abandonedCall)
    {
        if (clock.GetUtcNow() < measureFrom) return;
        answered++;
        if (abandonedCall) abandoned++;
        else connected++;
    }

    /// <summary>The simulation never claims leads: the pacer's decision alone is measured.</summary>
    private sealed class NoLeads : ILeadClaims
    {
        public Task<IReadOnlyList<HopperEntry>> ClaimAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, int limit, DateTimeOffset now, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<HopperEntry>>([]);

        public Task<NextCallable?> FindNextCallableAsync(string campaignId, IReadOnlyList<long> listIds, CallingWindow window, int maxAttempts, DateTimeOffset now, CancellationToken ct = default) =>
            Task.FromResult<NextCallable?>(null);

        public Task<int> ReleaseAllExceptAsync(string campaignId, long[] held, CancellationToken ct = default) => Task.FromResult(0);
    }
}
