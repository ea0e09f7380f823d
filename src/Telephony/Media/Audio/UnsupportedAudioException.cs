namespace ContactCenter.Telephony.Media.Audio;

/// <summary>An audio file that is malformed or in a format we do not play (the message says which and why).</summary>
public sealed class UnsupportedAudioException : Exception
{
    /// <summary>Creates the exception with a message that tells the user what to fix.</summary>
    public UnsupportedAudioException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the error that revealed the problem.</summary>
    public UnsupportedAudioException(string message, Exception inner) : base(message, inner)
    {
    }
}
