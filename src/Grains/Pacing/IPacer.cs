namespace ContactCenter.Grains.Pacing;

/// <summary>
/// One dialer's algorithm: how many calls to place in a pacing turn. The campaign grain asks once
/// per turn, places what it can (reserving agents, taking trunk channels, starting calls) and says
/// how many it placed. A pacer keeps its own memory between turns (a token bucket, previews on
/// screen) and touches nothing outside itself but the <see cref="Hopper"/> it tops up.
/// </summary>
public interface IPacer
{
    /// <summary>Tops the hopper up for this turn and says how many calls to place now.</summary>
    Task<int> PlanAsync(PacingFloor floor);

    /// <summary>The turn placed <paramref name="calls"/> calls.</summary>
    void Placed(int calls);

    /// <summary>Pacing stopped (pause, stop, completion): forget what is held for the next turn.</summary>
    void Reset();
}
