namespace ContactCenter.Telephony.Speech;

/// <summary>Turns prompt text into telephone audio.</summary>
public interface ITextToSpeech
{
    /// <summary>Renders <paramref name="text"/> as 8 kHz mono G.711 µ-law.</summary>
    /// <param name="text">The words to speak.</param>
    /// <param name="voice">The voice name; null for the configured default.</param>
    /// <param name="cancellationToken">Cancels rendering.</param>
    Task<SynthesizedSpeech> SynthesizeAsync(string text, string? voice = null, CancellationToken cancellationToken = default);
}
