namespace ContactCenter.Telephony.Speech;

/// <summary>A rendered prompt.</summary>
/// <param name="MuLaw">8 kHz mono G.711 µ-law samples, one byte each.</param>
/// <param name="CachePath">The cache file holding the same bytes (raw µ-law, no header).</param>
/// <param name="FromCache">True when no rendering was needed.</param>
public sealed record SynthesizedSpeech(byte[] MuLaw, string CachePath, bool FromCache)
{
    /// <summary>Playing time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(MuLaw.Length / (double)PhoneAudio.SampleRate);
}
