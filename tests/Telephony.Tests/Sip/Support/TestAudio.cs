namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Writes small G.711 µ-law WAV files (what sipp's rtp_stream plays) without external tools.</summary>
public static class TestAudio
{
    /// <summary>A sine tone as an 8 kHz mono µ-law WAV file.</summary>
    public static void WriteToneWav(string path, TimeSpan duration, double frequency = 440)
    {
        var samples = (int)(8000 * duration.TotalSeconds);
        using var writer = new BinaryWriter(File.Create(path));
        // RIFF header with a WAVE_FORMAT_MULAW (7) fmt chunk of 18 bytes and a fact chunk.
        writer.Write("RIFF"u8);
        writer.Write(4 + (8 + 18) + (8 + 4) + (8 + samples));
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(18);
        writer.Write((short)7);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(8000);
        writer.Write((short)1);
        writer.Write((short)8);
        writer.Write((short)0);
        writer.Write("fact"u8);
        writer.Write(4);
        writer.Write(samples);
        writer.Write("data"u8);
        writer.Write(samples);
        for (var i = 0; i < samples; i++)
        {
            var linear = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / 8000));
            writer.Write(MuLaw(linear));
        }
    }

    // G.711 µ-law encoding (ITU-T G.711, bias 0x84, clip 32635).
    private static byte MuLaw(short sample)
    {
        const int bias = 0x84;
        var sign = sample < 0 ? 0x80 : 0;
        var magnitude = Math.Min(Math.Abs((int)sample), 32635) + bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }
}
