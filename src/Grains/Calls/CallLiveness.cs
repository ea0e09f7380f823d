namespace ContactCenter.Grains.Calls;

/// <summary>What a call's grain knows of the call, for those holding on to it (an agent, a campaign).</summary>
public enum CallLiveness
{
    /// <summary>Nothing stored: never started, or ended and settled long ago.</summary>
    Unknown,
    /// <summary>Live in the activation that placed it.</summary>
    Live,
    /// <summary>Stored live, but the activation that placed it is gone; it is being ended as lost.</summary>
    Lost,
    /// <summary>Ended; its record, lead, agent and campaign are told (or being told).</summary>
    Ended,
}
