namespace ContactCenter.Grains.Pacing;

/// <summary>What held a Broadcast campaign's last pacing turn below its asked call rate (shown in its stats).</summary>
public enum BroadcastLimit
{
    /// <summary>Dialing at the asked rate.</summary>
    None,
    /// <summary>The campaign's maxConcurrentCalls are all in flight.</summary>
    MaxConcurrentCalls,
    /// <summary>This node's speech recognition is full: more conversations would answer late, so they are not dialed.</summary>
    SpeechCapacity,
    /// <summary>The trunk had no free channel.</summary>
    TrunkFull,
    /// <summary>No lead is callable now (all dialed, waiting for retries, or outside calling hours).</summary>
    NoCallableLeads,
}
