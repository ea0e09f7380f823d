namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The Broadcast dialer: no agents, the AI agent takes every answered call. A turn places calls while
/// the token bucket (calls per second) and the concurrency cap allow; the trunk's free channels are
/// the grain's to check when it places them.
/// </summary>
public sealed class BroadcastPacer(Hopper hopper, TimeProvider time, Func<BroadcastPace> pace, TimeSpan turn) : IPacer
{
    private double tokens;
    private DateTimeOffset? tokensAt;

    /// <summary>Calls the bucket allows now (for tests and the dashboard).</summary>
    public double Tokens => tokens;

    public async Task<int> PlanAsync(PacingFloor floor)
    {
        var (rate, concurrency) = pace();
        var now = time.GetUtcNow();
        // At most one turn's worth of tokens (never less than one call) is saved up, so a quiet spell is not
        // followed by a burst: starts stay spread over the turns at the configured rate.
        var burst = Math.Max(1, rate * turn.TotalSeconds);
        tokens = tokensAt is { } last ? Math.Min(burst, tokens + Math.Max(0, (now - last).TotalSeconds) * rate) : burst;
        tokensAt = now;
        var wanted = Math.Min((int)Math.Floor(tokens), concurrency - floor.CallsInFlight);
        if (wanted <= 0) return 0;
        // About two seconds of dialing per claim: few database round trips, few leads held out of other campaigns' reach.
        await hopper.RefillAsync(floor.Rules, wanted, (int)Math.Clamp(rate * 2, 10, 500), floor.CallsInFlight > 0);
        return Math.Min(wanted, hopper.Available);
    }

    public void Placed(int calls) => tokens -= calls;

    public void Reset()
    {
        tokens = 0;
        tokensAt = null;
    }
}
