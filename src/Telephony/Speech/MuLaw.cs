namespace ContactCenter.Telephony.Speech;

/// <summary>
/// G.711 µ-law (ITU-T G.711 §2, the North American companding law), private to speech until the shared codec in
/// Telephony/Media replaces it.
/// </summary>
internal static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;
    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static short Decode(byte value) => DecodeTable[value];

    public static short[] Decode(ReadOnlySpan<byte> encoded)
    {
        var pcm = new short[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            pcm[i] = DecodeTable[encoded[i]];
        }

        return pcm;
    }

    public static byte Encode(short sample)
    {
        var sign = (sample >> 8) & 0x80;
        int magnitude = sample;
        if (sign != 0)
        {
            magnitude = -magnitude;
        }

        magnitude = Math.Min(magnitude, Clip) + Bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        // G.711 transmits the code inverted so that silence is not a long run of zero bits.
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var code = ~i & 0xFF;
            var exponent = (code >> 4) & 0x07;
            var mantissa = code & 0x0F;
            var magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[i] = (short)((code & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
