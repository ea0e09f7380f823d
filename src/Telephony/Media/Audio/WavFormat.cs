namespace ContactCenter.Telephony.Media.Audio;

/// <summary>The sample encodings our WAV reader and writer support (all 8 kHz mono).</summary>
public enum WavFormat
{
    /// <summary>16-bit little-endian linear PCM (format tag 1).</summary>
    Pcm16,
    /// <summary>8-bit G.711 µ-law (format tag 7).</summary>
    MuLaw,
    /// <summary>8-bit G.711 A-law (format tag 6).</summary>
    ALaw,
}
