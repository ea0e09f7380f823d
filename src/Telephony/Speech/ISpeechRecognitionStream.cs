namespace ContactCenter.Telephony.Speech;

/// <summary>
/// A decoder held by one conversation and fed audio while the caller speaks, so that the words are known as soon
/// as the utterance ends. Calls come from one thread at a time and never block on decoding.
/// </summary>
public interface ISpeechRecognitionStream : IDisposable
{
    /// <summary>The grammar utterances are recognised against.</summary>
    JsgfGrammar Grammar { get; }

    /// <summary>Starts an utterance; one in progress is abandoned.</summary>
    void StartUtterance();

    /// <summary>Queues 8 kHz 16-bit audio of the current utterance for decoding.</summary>
    /// <exception cref="InvalidOperationException">No utterance has been started.</exception>
    void Write(ReadOnlySpan<short> pcm8k);

    /// <summary>Ends the utterance; completes when the decoder has caught up with the audio written.</summary>
    /// <exception cref="SpeechToolException">Decoding failed.</exception>
    Task<RecognitionResult> EndUtteranceAsync(CancellationToken cancellationToken = default);
}
