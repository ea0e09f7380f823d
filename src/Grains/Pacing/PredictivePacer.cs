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
        // A busy agent finishes within one ring time with probability 1 - e^(-ring/handle) (handle times taken as exponential).
        var freeing = floor.BusyAgents * (1 - Math.Exp(-ring / Math.Max(1, handle)));
        var available = (int)Math.Floor(ready + freeing);
        var target = s.TargetAbandonRate;
        if (statistics.AbandonRate is { } measured && measured > target)
            target *= Math.Max(0.25, target / measured); // running over: aim lower until the window recovers
        var p = Math.Clamp(answerRate, 0.01, 1);
        var cap = (int)Math.Min(MaxCallsConsidered, Math.Floor(s.MaxRatio * Math.Max(1, ready + freeing)));
        var total = Math.Max(ringing, 0);
        // The largest number of calls in flight whose expected abandon share stays under the target.
        while (total < cap && ExpectedAbandonShare(total + 1, p, available) <= target) total++;
        var place = Math.Max(0, total - ringing);
        LastEstimate = new PredictiveEstimate(p, ring, handle, ready + freeing, target, ringing + place);
        return place;
    }

    /// <summary>E[max(0, X − agents)] / E[X] for X ~ Binomial(calls, p): answers that find no agent, per answer.</summary>
    public static double ExpectedAbandonShare(int calls, double p, int agents)
    {
        if (calls <= agents) return 0;
        var expectedAnswers = calls * p;
        // Walk the binomial pmf from k = 0 with the ratio of successive terms (stable for the sizes used here).
        var q = 1 - p;
        double pmf = Math.Pow(q, calls), excess = 0;
        if (pmf == 0) return ExpectedAbandonShareNormal(calls, p, agents);
        for (var k = 0; k <= calls; k++)
        {
            if (k > agents) excess += (k - agents) * pmf;
            pmf *= (double)(calls - k) / (k + 1) * p / q;
        }
        return excess / expectedAnswers;
    }

    /// <summary>The same with a normal approximation, where q^n underflows (thousands of calls).</summary>
    private static double ExpectedAbandonShareNormal(int calls, double p, int agents)
    {
        var mean = calls * p;
        var sd = Math.Sqrt(calls * p * (1 - p));
        if (sd == 0) return Math.Max(0, mean - agents) / mean;
        var z = (agents + 0.5 - mean) / sd;
        // E[max(0, X - a)] = sd·φ(z) − (a − mean)·(1 − Φ(z)).
        var phi = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
        var tail = 0.5 * Erfc(z / Math.Sqrt(2));
        return Math.Max(0, sd * phi - (agents + 0.5 - mean) * tail) / mean;
    }

    // Abramowitz and Stegun 7.1.26: enough for a pacing estimate.
    private static double Erfc(double x)
    {
        if (x < 0) return 2 - Erfc(-x);
        var t = 1 / (1 + 0.3275911 * x);
        var poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return poly * Math.Exp(-x * x);
    }

    public void Placed(int calls)
    {
    }

    public void Reset() => LastEstimate = null;
}
