namespace ContactCenter.Grains.Broadcast.Scripts;

/// <summary>Voicemail behaviour.</summary>
public enum VoicemailAction
{
    /// <summary>Hang up without speaking.</summary>
    HangUp,
    /// <summary>Speak <see cref="VoicemailPolicy.Message"/>, then hang up.</summary>
    LeaveMessage,
}
