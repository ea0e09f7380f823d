namespace ContactCenter.Telephony.Speech;

/// <summary>What the recogniser heard.</summary>
/// <param name="Text">The recognised words in lower case; empty when nothing in the grammar was heard.</param>
/// <param name="AudioDuration">Length of the audio given.</param>
public sealed record RecognitionResult(string Text, TimeSpan AudioDuration)
{
    /// <summary>True when words were recognised.</summary>
    public bool HasText => Text.Length > 0;

    /// <summary>
    /// How well the grammar explained the audio: the acoustic log-likelihood ratio per frame of the grammar's best
    /// path against a free phone loop, plus 4 times the share of the path in grammar words rather than silence and
    /// noise. About 1 to 4 for a phrase of the grammar, -3 to 1 for other speech (espeak-ng through G.711). Null when
    /// not measured (the process recogniser, rejection turned off, or no words heard).
    /// </summary>
    public double? GrammarFit { get; init; }

    /// <summary>
    /// True when the grammar matched words but fitted worse than the rejection threshold: the caller said something
    /// the grammar does not hold, and <see cref="Text"/> is empty so that it is treated as not understood.
    /// </summary>
    public bool OutOfGrammar { get; init; }
}
