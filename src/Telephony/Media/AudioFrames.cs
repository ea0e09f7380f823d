using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;

namespace ContactCenter.Telephony.Media;

/// <summary>Cuts audio into RTP-sized G.711 frames.</summary>
public static class AudioFrames
{
    /// <summary>
    /// Encodes <paramref name="clip"/> with <paramref name="law"/> in frames of
    /// <paramref name="samplesPerFrame"/>, padding the last one with silence so every packet has
    /// the same duration (receivers assume a constant ptime).
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Split(AudioClip clip, G711Law law, int samplesPerFrame = G711.SamplesPer20Ms)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (samplesPerFrame <= 0) throw new ArgumentOutOfRangeException(nameof(samplesPerFrame));
        var encoded = clip.ToG711(law);
        for (int offset = 0; offset < encoded.Length; offset += samplesPerFrame)
        {
            var frame = new byte[samplesPerFrame];
            int count = Math.Min(samplesPerFrame, encoded.Length - offset);
            encoded.AsSpan(offset, count).CopyTo(frame);
            frame.AsSpan(count).Fill(G711.Silence(law));
            yield return frame;
        }
    }
}
