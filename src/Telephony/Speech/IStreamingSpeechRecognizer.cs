namespace ContactCenter.Telephony.Speech;

/// <summary>A recogniser that can also decode while the caller is speaking, within a limit of conversations.</summary>
public interface IStreamingSpeechRecognizer : ISpeechRecognizer
{
    /// <summary>The admission counter of streaming conversations.</summary>
    IRecognitionCapacity Capacity { get; }

    /// <summary>A decoder for one conversation, or null when <see cref="Capacity"/> is exhausted. Dispose it to give the decoder back.</summary>
    ISpeechRecognitionStream? TryOpenStream(JsgfGrammar grammar);

    /// <summary>
    /// A recogniser for one conversation that decodes each utterance while it is spoken (feed it every frame the
    /// conversation's voice detector sees), or null when <see cref="Capacity"/> is exhausted.
    /// </summary>
    ConversationRecognizer? TryOpenConversation(JsgfGrammar grammar, VoiceActivityOptions? voiceActivity = null) =>
        TryOpenStream(grammar) is { } stream ? new ConversationRecognizer(stream, this, voiceActivity) : null;
}
