namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>What a simulated phone sends while its user is silent.</summary>
public enum SenderSilenceMode
{
    /// <summary>Silent G.711 packets every 20 ms, like a phone without silence suppression.</summary>
    SilencePackets,
    /// <summary>Nothing at all (silence suppression without comfort noise); the RTP timestamp jumps over the pause.</summary>
    NoPackets,
    /// <summary>An RFC 3389 comfort-noise packet where each silence starts (and optionally again every so often), nothing else.</summary>
    ComfortNoise,
}
