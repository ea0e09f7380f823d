namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The Auto (progressive) dialer: exactly one call for each agent waiting for one (Ready, or parked
/// after a call that never reached them), never more.
/// </summary>
public sealed class AutoPacer(Hopper hopper) : IPacer
{
    public async Task<int> PlanAsync(PacingFloor floor)
    {
        var waiting = floor.ReadyAgents.Count + floor.ParkedAgents;
        // Twice a turn's need (at least 10, at most 1,000): one claim serves the next turn too, few leads sit idle.
        if (waiting > 0) await hopper.RefillAsync(floor.Rules, waiting, Math.Clamp(waiting * 2, 10, 1000), floor.CallsInFlight > 0);
        return waiting;
    }

    public void Placed(int calls)
    {
    }

    public void Reset()
    {
    }
}
