namespace ContactCenter.Telephony.Media.Codecs;

/// <summary>
/// G.711 µ-law companding between 16-bit linear PCM and 8-bit code words, computed from the
/// segment arithmetic of ITU-T G.711 (eight segments of sixteen steps, each segment twice as wide
/// as the one before). Decoding uses a 256-entry table built once from the same arithmetic.
/// </summary>
public static class MuLaw
{
    // G.711 µ-law works on 14-bit magnitudes; with 16-bit input the bias is 33 << 2 = 132 and the
    // largest magnitude that still fits the top segment after biasing is 32635.
    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>The code word for silence (a positive zero).</summary>
    public const byte Silence = 0xFF;

    /// <summary>Encodes one linear sample.</summary>
    public static byte Encode(short sample)
    {
        int value = sample;
        int sign = 0;
        if (value < 0)
        {
            sign = 0x80;
            value = -value;
        }
        if (value > Clip) value = Clip;
        value += Bias;

        // The segment (exponent) is the position of the highest set bit above bit 7.
        int exponent = 7;
        for (int mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        int mantissa = (value >> (exponent + 3)) & 0x0F;

        // G.711 transmits µ-law code words with every bit inverted.
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one code word to a linear sample.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="destination"/>, which must be at least as long.</summary>
    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if (destination.Length < pcm.Length) throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        for (int i = 0; i < pcm.Length; i++) destination[i] = Encode(pcm[i]);
    }

    /// <summary>Decodes <paramref name="codes"/> into <paramref name="destination"/>, which must be at least as long.</summary>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> destination)
    {
        if (destination.Length < codes.Length) throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        for (int i = 0; i < codes.Length; i++) destination[i] = DecodeTable[codes[i]];
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            int code = ~i & 0xFF;
            int exponent = (code >> 4) & 0x07;
            int mantissa = code & 0x0F;
            // Reconstruct the middle of the quantisation interval, then remove the encoder's bias.
            int magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[i] = (short)((code & 0x80) != 0 ? -magnitude : magnitude);
        }
        return table;
    }
}
