namespace ContactCenter.Grains.Pacing;

/// <summary>
/// The Broadcast dialer's limits: new calls per second (token bucket) and calls in flight, and, where the AI
/// agent listens to real audio, how many more conversations this node's speech recognition can hold now.
/// </summary>
/// <param name="SpeechHeadroom">Decoders free on this node; null where conversations need none (the simulated carrier speaks text).</param>
public sealed record BroadcastPace(double MaxCallsPerSecond, int MaxConcurrentCalls, int? SpeechHeadroom = null);
