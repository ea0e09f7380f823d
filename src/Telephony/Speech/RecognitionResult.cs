namespace ContactCenter.Telephony.Speech;

/// <summary>What the recogniser heard.</summary>
/// <param name="Text">The recognised words in lower case; empty when nothing in the grammar was heard.</param>
/// <param name="AudioDuration">Length of the audio given.</param>
public sealed record RecognitionResult(string Text, TimeSpan AudioDuration)
{
    /// <summary>True when words were recognised.</summary>
    public bool HasText => Text.Length > 0;
}
