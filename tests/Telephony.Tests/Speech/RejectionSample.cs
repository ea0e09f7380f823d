namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>One utterance of the rejection sets: a phrase spoken by one espeak-ng voice at one rate.</summary>
internal sealed record RejectionSample(string Phrase, bool InGrammar, string Voice, int WordsPerMinute)
{
    /// <summary>The words the grammar should give back for an in-grammar phrase.</summary>
    public string Expected => string.Join(' ', Phrase.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
