namespace ContactCenter.Grains.Recovery;

/// <summary>The cluster's one sweep for calls lost with their silo (key <see cref="CallSweep.Key"/>).</summary>
[Alias("cc.ICallSweepGrain")]
public interface ICallSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the sweep runs (idempotent; every silo asks every few seconds).</summary>
    Task StartAsync();

    /// <summary>One pass now; returns the number of calls looked at.</summary>
    Task<int> SweepAsync();
}
