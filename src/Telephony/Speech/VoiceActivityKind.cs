namespace ContactCenter.Telephony.Speech;

/// <summary>What a frame changed.</summary>
public enum VoiceActivityKind
{
    /// <summary>Nothing new.</summary>
    None,
    /// <summary>The caller started speaking (use it for barge-in).</summary>
    SpeechStarted,
    /// <summary>The caller finished an utterance; <see cref="VoiceActivity.Utterance"/> holds it.</summary>
    UtteranceEnded,
    /// <summary>The caller said nothing within the no-input timeout.</summary>
    NoInput,
}
