using ContactCenter.Telephony.Media.Codecs;

namespace ContactCenter.Telephony.Media.Audio;

/// <summary>
/// Telephone audio in memory: 8 kHz mono linear samples. Every file format we read becomes one of
/// these, and playback encodes it to the call's G.711 law frame by frame.
/// </summary>
public sealed class AudioClip
{
    /// <summary>Telephone audio is always 8 kHz here (G.711, RFC 3551 §4.5.14).</summary>
    public const int SampleRate = 8000;

    private readonly short[] samples;

    /// <summary>Wraps 8 kHz mono samples (the array is not copied).</summary>
    public AudioClip(short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        this.samples = samples;
    }

    /// <summary>The samples, 8 kHz mono.</summary>
    public ReadOnlyMemory<short> Samples => samples;

    /// <summary>Number of samples.</summary>
    public int Length => samples.Length;

    /// <summary>Playing time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(samples.Length / (double)SampleRate);

    /// <summary>Decodes G.711 code words (raw, one byte per sample).</summary>
    public static AudioClip FromG711(G711Law law, ReadOnlySpan<byte> codes) => new(G711.Decode(law, codes));

    /// <summary>Encodes the whole clip with a G.711 law.</summary>
    public byte[] ToG711(G711Law law) => G711.Encode(law, samples);

    /// <summary>Silence of the given length.</summary>
    public static AudioClip Silence(TimeSpan duration) => new(new short[(int)Math.Round(duration.TotalSeconds * SampleRate)]);

    /// <summary>A sine tone (for beeps and tests).</summary>
    public static AudioClip Tone(double frequencyHz, TimeSpan duration, short amplitude = 8000)
    {
        var result = new short[(int)Math.Round(duration.TotalSeconds * SampleRate)];
        for (int i = 0; i < result.Length; i++) result[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / SampleRate));
        return new AudioClip(result);
    }

    /// <summary>This clip followed by <paramref name="other"/>.</summary>
    public AudioClip Append(AudioClip other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var joined = new short[samples.Length + other.samples.Length];
        samples.CopyTo(joined, 0);
        other.samples.CopyTo(joined, samples.Length);
        return new AudioClip(joined);
    }
}
