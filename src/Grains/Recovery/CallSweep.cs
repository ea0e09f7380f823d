namespace ContactCenter.Grains.Recovery;

public static class CallSweep
{
    public const long Key = 0;

    /// <summary>How often the sweep looks at every lead's call: a lost call is ended within this of its silo being declared dead.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
}
