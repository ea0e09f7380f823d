namespace ContactCenter.Grains.Pacing;

/// <summary>The Broadcast dialer's limits: new calls per second (token bucket) and calls in flight.</summary>
public sealed record BroadcastPace(double MaxCallsPerSecond, int MaxConcurrentCalls);
