using ContactCenter.Telephony.Media.Audio;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>
/// A temp folder holding answer.wav (8 kHz µ-law) for the trunk_* scenarios, which play it with
/// rtp_stream relative to sipp's working directory. Deleted on dispose.
/// </summary>
public sealed class SippAudioFolder : IDisposable
{
    public SippAudioFolder(AudioClip answer)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cc-sipp-audio-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        WavFile.WriteFile(System.IO.Path.Combine(Path, "answer.wav"), answer, WavFormat.MuLaw);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
