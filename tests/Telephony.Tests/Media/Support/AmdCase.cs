using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>One labelled answer: what the callee's line carried, how its phone sent silence, and who it really was.</summary>
/// <param name="Name">A readable name for failure messages and the report.</param>
/// <param name="Truth">Human or Machine.</param>
/// <param name="Audio">The callee's audio from the answer on.</param>
/// <param name="Sender">How the callee's phone turns it into RTP.</param>
public sealed record AmdCase(string Name, AmdStatus Truth, AudioClip Audio, SimulatedPhoneSender Sender)
{
    /// <summary>The packets of this answer, in arrival order.</summary>
    public IReadOnlyList<ScheduledPacket> Packets() => Sender.Send(Audio);

    /// <inheritdoc />
    public override string ToString() => Name;
}
