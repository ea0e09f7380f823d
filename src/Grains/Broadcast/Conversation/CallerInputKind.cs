namespace ContactCenter.Grains.Broadcast.Conversation;

/// <summary>What happened on the caller's side.</summary>
public enum CallerInputKind
{
    /// <summary>The caller said something; <see cref="CallerInput.Text"/> holds the recognised words (empty when none were recognised: a no-match).</summary>
    Utterance,
    /// <summary>The caller pressed keys; <see cref="CallerInput.Digits"/> holds them.</summary>
    Dtmf,
    /// <summary>The caller stayed silent until the no-input timeout.</summary>
    NoInput,
    /// <summary>The caller started speaking while a prompt played.</summary>
    BargeIn,
    /// <summary>The caller hung up.</summary>
    HangUp,
}
