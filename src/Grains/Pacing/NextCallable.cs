namespace ContactCenter.Grains.Pacing;

/// <summary>
/// When a campaign with nothing callable may next have a lead to dial: the moment, the zone of the lead that
/// decides it, and whether that lead is due already and waits for its calling hours (else a retry or callback
/// falls due then).
/// </summary>
public sealed record NextCallable(DateTimeOffset At, string TimeZone, bool WaitsForCallingHours);
