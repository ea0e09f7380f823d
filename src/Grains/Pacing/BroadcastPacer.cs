namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The Broadcast dialer: no agents, the AI agent takes every answered call. A turn places calls while
/// the token bucket (calls per second) and the concurrency cap allow; the trunk's free channels are
/// the grain's to check when it places them.
/// </summary>
public sealed class BroadcastPacer(Hopper hopper, TimeProvider time, Func<BroadcastPace> pace, TimeSpan turn) : IPacer
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(60);
    private readonly Queue<(DateTimeOffset At, int Calls)> placedRecently = new();
    private double tokens;
    private DateTimeOffset? tokensAt;

    /// <summary>Calls the bucket allows now (for tests and the dashboard).</summary>
    public double Tokens => tokens;

    /// <summary>What held the last turn below the asked rate.</summary>
    public BroadcastLimit Limit { get; private set; }

    /// <summary>Calls started per second over the last minute (or since the first call, when sooner).</summary>
    public double AchievedCallsPerSecond
    {
        get
        {
            var now = time.GetUtcNow();
            Forget(now);
            if (placedRecently.Count == 0) return 0;
            var span = Math.Max(1, Math.Min(RateWindow.TotalSeconds, (now - placedRecently.Peek().At).TotalSeconds + turn.TotalSeconds));
            return placedRecently.Sum(p => p.Calls) / span;
        }
    }

    public async Task<int> PlanAsync(PacingFloor floor)
    {
        var (rate, concurrency, speechHeadroom) = pace();
        var now = time.GetUtcNow();
        // At most one turn's worth of tokens (never less than one call) is saved up, so a quiet spell is not
        // followed by a burst: starts stay spread over the turns at the configured rate.
        var burst = Math.Max(1, rate * turn.TotalSeconds);
        tokens = tokensAt is { } last ? Math.Min(burst, tokens + Math.Max(0, (now - last).TotalSeconds) * rate) : burst;
        tokensAt = now;
        var byRate = (int)Math.Floor(tokens);
        var wanted = Math.Min(byRate, concurrency - floor.CallsInFlight);
        Limit = wanted < byRate ? BroadcastLimit.MaxConcurrentCalls : BroadcastLimit.None;
        if (speechHeadroom is { } free)
        {
            // Every call still ringing may take a decoder when answered: dial only what the node can listen to,
            // since a call beyond it would be refused a decoder and answered seconds late.
            var room = free - floor.UnansweredCalls;
            if (room < wanted)
            {
                wanted = room;
                Limit = BroadcastLimit.SpeechCapacity;
            }
        }
        if (wanted <= 0) return 0;
        // About two seconds of dialing per claim: few database round trips, few leads held out of other campaigns' reach.
        await hopper.RefillAsync(floor.Rules, wanted, (int)Math.Clamp(rate * 2, 10, 500), floor.CallsInFlight > 0);
        if (hopper.Available < wanted) Limit = BroadcastLimit.NoCallableLeads;
        return Math.Min(wanted, hopper.Available);
    }

    public void Placed(int calls)
    {
        tokens -= calls;
        if (calls <= 0) return;
        var now = time.GetUtcNow();
        placedRecently.Enqueue((now, calls));
        Forget(now);
    }

    /// <summary>The grain found the trunk full when it placed this turn's calls.</summary>
    public void TrunkFull() => Limit = BroadcastLimit.TrunkFull;

    public void Reset()
    {
        tokens = 0;
        tokensAt = null;
        Limit = BroadcastLimit.None;
        placedRecently.Clear();
    }

    private void Forget(DateTimeOffset now)
    {
        while (placedRecently.Count > 0 && now - placedRecently.Peek().At > RateWindow) placedRecently.Dequeue();
    }
}
