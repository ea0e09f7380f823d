namespace ContactCenter.Telephony.Speech;

/// <summary>An external speech tool (espeak-ng, sox, pocketsphinx) was missing, failed or timed out.</summary>
public sealed class SpeechToolException : Exception
{
    public SpeechToolException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
