namespace ContactCenter.Telephony.Speech;

/// <summary>Recognises one utterance of telephone audio against a grammar.</summary>
public interface ISpeechRecognizer
{
    /// <summary>Recognises 8 kHz 16-bit linear PCM.</summary>
    Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<short> pcm8k, JsgfGrammar grammar, CancellationToken cancellationToken = default);

    /// <summary>Recognises 8 kHz G.711 µ-law as it arrives in RTP.</summary>
    Task<RecognitionResult> RecognizeMuLawAsync(ReadOnlyMemory<byte> muLaw8k, JsgfGrammar grammar, CancellationToken cancellationToken = default) =>
        RecognizeAsync(PhoneAudio.DecodeMuLaw(muLaw8k.Span), grammar, cancellationToken);
}
