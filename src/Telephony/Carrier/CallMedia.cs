using ContactCenter.Telephony.Media;

namespace ContactCenter.Telephony.Carrier;

/// <summary>The live audio of one answered call.</summary>
/// <param name="Session">Playback into the call and the caller's audio and DTMF.</param>
/// <param name="Ended">Completes when the call's media stops (either side hung up).</param>
public sealed record CallMedia(IMediaSession Session, Task Ended);
