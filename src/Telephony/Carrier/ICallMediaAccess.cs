namespace ContactCenter.Telephony.Carrier;

/// <summary>
/// Implemented by carriers that carry real audio: gives the live media of an answered call to code running in the
/// same process (the call grain is placed next to its media), so an AI agent can talk and listen on the line.
/// Carriers without audio (the simulated one) do not implement it.
/// </summary>
public interface ICallMediaAccess
{
    /// <summary>The media of the established call <paramref name="callId"/>; null when the call is unknown, not answered or has no audio.</summary>
    CallMedia? GetMedia(string callId);
}
