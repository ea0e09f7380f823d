namespace ContactCenter.Telephony.Media.Amd;

/// <summary>Which rule made the decision (the AMDCAUSE values of Asterisk's AMD application).</summary>
public enum AmdCause
{
    /// <summary>Machine: silence lasted longer than the initial silence before any word.</summary>
    InitialSilence,
    /// <summary>Human: after the greeting, silence lasted the after-greeting silence.</summary>
    AfterGreetingSilence,
    /// <summary>Machine: the greeting's voice lasted longer than the maximum greeting.</summary>
    LongGreeting,
    /// <summary>Machine: a single utterance lasted longer than the maximum word length.</summary>
    MaxWordLength,
    /// <summary>Machine: more words than the maximum number of words.</summary>
    MaxWords,
    /// <summary>Not sure: the total analysis time ran out.</summary>
    TooLong,
    /// <summary>Not sure: the audio ended (hang-up or end of file) before a decision.</summary>
    AudioEnded,
}
