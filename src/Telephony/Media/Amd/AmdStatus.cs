namespace ContactCenter.Telephony.Media.Amd;

/// <summary>What answered the call, as answering-machine detection decides it.</summary>
public enum AmdStatus
{
    /// <summary>A short greeting followed by silence: a person waiting for us to speak.</summary>
    Human,
    /// <summary>A long greeting, many words, or nothing at all: a voicemail or IVR.</summary>
    Machine,
    /// <summary>No decision within the analysis time (or the audio ended first).</summary>
    NotSure,
}
