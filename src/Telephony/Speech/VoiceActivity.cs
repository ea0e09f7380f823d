namespace ContactCenter.Telephony.Speech;

/// <summary>The detector's verdict after one frame.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Utterance">For <see cref="VoiceActivityKind.UtteranceEnded"/>: the 8 kHz samples of the utterance with pre-roll.</param>
public sealed record VoiceActivity(VoiceActivityKind Kind, short[]? Utterance = null)
{
    /// <summary>Nothing new.</summary>
    public static VoiceActivity None { get; } = new(VoiceActivityKind.None);
}
