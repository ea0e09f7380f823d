namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The Predictive dialer: dials ahead of Ready agents and of agents about to free up, as many calls as
/// keep the expected abandon rate under the campaign's target. Each turn it estimates how many agents
/// will be free when the next calls are answered (Ready now, plus busy agents expected to finish within
/// one ring time), treats the answers of the calls in flight as binomial with the measured answer rate,
/// and takes the largest number of calls whose expected answers beyond those agents, as a share of all
/// answers, stays under the target. The target is tightened when the measured rate runs over it. With
/// thin statistics or few agents it dials one call per Ready agent, as Auto does. Method and choice:
/// docs/predictive-dialing.md.
/// </summary>
public sealed class PredictivePacer(Hopper hopper, PacingStatistics statistics, Func<PredictiveSettings> settings) : IPacer
{
    /// <summary>The most calls a turn considers in flight at once (keeps the estimate's cost bounded).</summary>
    private const int MaxCallsConsidered = 2000;

    /// <summary>What the last turn decided on, for the dashboard and the tests.</summary>
    public PredictiveEstimate? LastEstimate { get; private set; }

    public async Task<int> PlanAsync(PacingFloor floor)
    {
        var calls = CallsToPlace(floor);
        if (calls > 0) await hopper.RefillAsync(floor.Rules, calls, Math.Clamp(calls * 2, 10, 1000), floor.CallsInFlight > 0);
        return Math.Min(calls, hopper.Available);
    }

    /// <summary>The turn's decision without touching the hopper.</summary>
    public int CallsToPlace(PacingFloor floor)
    {
        var s = settings();
        var ready = floor.ReadyAgents.Count;
        var ringing = floor.UnansweredCalls;
        if (ready + floor.BusyAgents < s.MinAgents || statistics.Attempts < s.WarmUpAttempts
            || statistics.AnswerRate is not { } answerRate || statistics.MeanHandleSeconds is not { } handle)
        {
            // Conservative start: every call in flight has a Ready agent waiting for it.
            LastEstimate = null;
            return Math.Max(0, ready - ringing);
        }
        var ring = statistics.MeanRingSeconds ?? 0;
        // Answers arrive spread over the time a dial takes to be answered, and an answer can take only an agent freed
        // before it: on average, agents freeing within half that time. A busy agent frees within t with probability
        // 1 - e^(-t/handle) (handle times taken as exponential); how many do is itself uncertain, and weighed as such.
        var horizon = (statistics.MeanAnswerSeconds ?? ring) * 0.75;
        var freeChance = 1 - Math.Exp(-horizon / Math.Max(1, handle));
        var expectedFree = ready + floor.BusyAgents * freeChance;
        var target = s.TargetAbandonRate;
        if (statistics.AbandonRate is { } measured && measured > target)
            target *= Math.Max(0.25, target / measured); // running over: aim lower until the window recovers
        var p = Math.Clamp(answerRate, 0.01, 1);
        var cap = (int)Math.Min(MaxCallsConsidered, Math.Floor(s.MaxRatio * Math.Max(1, expectedFree)));
        // The largest number of calls in flight whose expected abandon share stays under the target. The share grows
        // with the number of calls, so a binary search finds it (hundreds of agents: thousands of calls to weigh).
        int low = Math.Min(ringing, cap), high = cap;
        while (low < high)
        {
            var mid = low + (high - low + 1) / 2;
            if (ExpectedAbandonShare(mid, p, ready, floor.BusyAgents, freeChance) <= target) low = mid;
            else high = mid - 1;
        }
        var total = Math.Max(low, ringing);
        var place = Math.Max(0, total - ringing);
        LastEstimate = new PredictiveEstimate(p, ring, handle, expectedFree, target, ringing + place);
        return place;
    }

    /// <summary>E[max(0, X − agents)] / E[X] for X ~ Binomial(calls, p): answers that find no agent, per answer.</summary>
    public static double ExpectedAbandonShare(int calls, double p, int agents) => ExpectedAbandonShare(calls, p, agents, 0, 0);

    /// <summary>
    /// E[max(0, X − ready − F)] / E[X] for answers X ~ Binomial(calls, p) and agents freeing F ~ Binomial(busy, free):
    /// answers that find no agent, per answer.
    /// </summary>
    public static double ExpectedAbandonShare(int calls, double p, int ready, int busy, double free)
    {
        if (calls <= ready || p <= 0) return 0;
        var answers = Pmf(calls, p);
        // excessAbove[k] = E[max(0, X − k)], built from the top: E[max(0, X − k)] = E[max(0, X − k − 1)] + P(X > k).
        var excessAbove = new double[calls + 2];
        var above = 0.0;
        for (var k = calls; k >= 0; k--)
        {
            excessAbove[k] = excessAbove[k + 1] + above;
            above += answers[k];
        }
        var freeing = busy > 0 && free > 0 ? Pmf(busy, free) : [1.0];
        var excess = 0.0;
        for (var f = 0; f < freeing.Length && ready + f <= calls; f++) excess += freeing[f] * excessAbove[ready + f];
        return excess / (calls * p);
    }

    /// <summary>The binomial distribution, built outward from its mode and normalised, so large counts do not underflow.</summary>
    private static double[] Pmf(int n, double p)
    {
        var pmf = new double[n + 1];
        if (p >= 1)
        {
            pmf[n] = 1;
            return pmf;
        }
        var mode = Math.Min(n, (int)Math.Floor((n + 1) * p));
        var odds = p / (1 - p);
        pmf[mode] = 1;
        for (var k = mode; k < n; k++) pmf[k + 1] = pmf[k] * (n - k) / (k + 1) * odds;
        for (var k = mode; k > 0; k--) pmf[k - 1] = pmf[k] * k / ((n - k + 1) * odds);
        var sum = pmf.Sum();
        for (var k = 0; k <= n; k++) pmf[k] /= sum;
        return pmf;
    }

    public void Placed(int calls)
    {
    }

    public void Reset() => LastEstimate = null;
}
