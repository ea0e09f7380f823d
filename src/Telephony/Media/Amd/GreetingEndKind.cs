namespace ContactCenter.Telephony.Media.Amd;

/// <summary>What ended the wait for an answering machine's greeting to finish.</summary>
public enum GreetingEndKind
{
    /// <summary>The beep was heard and has stopped.</summary>
    Beep,
    /// <summary>No beep, but the greeting was followed by enough silence.</summary>
    Silence,
    /// <summary>Neither came within the maximum wait.</summary>
    TimedOut,
}
