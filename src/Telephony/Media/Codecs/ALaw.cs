namespace ContactCenter.Telephony.Media.Codecs;

/// <summary>
/// G.711 A-law companding between 16-bit linear PCM and 8-bit code words. A-law works on 13-bit
/// magnitudes: segment 0 and 1 share the same step size (linear near zero), every further segment
/// doubles it. Transmitted code words have the even bits inverted (XOR 0x55), per G.711.
/// </summary>
public static class ALaw
{
    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>The code word for silence (the smallest positive level).</summary>
    public const byte Silence = 0xD5;

    /// <summary>Encodes one linear sample.</summary>
    public static byte Encode(short sample)
    {
        int value = sample;
        int signMask;
        if (value >= 0)
        {
            // A-law's sign bit is 1 for positive values; 0x80 | 0x55.
            signMask = 0xD5;
        }
        else
        {
            signMask = 0x55;
            // One's complement keeps -32768 in range and matches G.711's symmetric decision levels.
            value = -value - 1;
        }

        value >>= 3; // to 13-bit magnitude (0..4095)
        int segment = 0;
        while (segment < 7 && value > (0x20 << segment) - 1) segment++;

        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)(code ^ signMask);
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
            int code = i ^ 0x55;
            int mantissa = code & 0x0F;
            int segment = (code >> 4) & 0x07;
            // Middle of the interval: half a step above the lower decision level.
            int magnitude = segment == 0
                ? (mantissa << 4) + 8
                : ((mantissa << 4) + 0x108) << (segment - 1);
            table[i] = (short)((code & 0x80) != 0 ? magnitude : -magnitude);
        }
        return table;
    }
}
