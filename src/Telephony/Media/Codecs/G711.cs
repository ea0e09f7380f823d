namespace ContactCenter.Telephony.Media.Codecs;

/// <summary>Law-agnostic helpers over <see cref="MuLaw"/> and <see cref="ALaw"/>.</summary>
public static class G711
{
    /// <summary>G.711 is always sampled at 8 kHz (RFC 3551 §4.5.14).</summary>
    public const int SampleRate = 8000;

    /// <summary>Samples (and bytes) in one 20 ms frame, the usual packetisation (RFC 3551 §4.5).</summary>
    public const int SamplesPer20Ms = 160;

    /// <summary>The static RTP payload type of a law (RFC 3551 table 4): PCMU = 0, PCMA = 8.</summary>
    public static int PayloadType(G711Law law) => law == G711Law.MuLaw ? 0 : 8;

    /// <summary>The law of a static payload type, or null when it is neither PCMU nor PCMA.</summary>
    public static G711Law? LawOfPayloadType(int payloadType) => payloadType switch
    {
        0 => G711Law.MuLaw,
        8 => G711Law.ALaw,
        _ => null,
    };

    /// <summary>The code word that decodes to (near) zero.</summary>
    public static byte Silence(G711Law law) => law == G711Law.MuLaw ? MuLaw.Silence : ALaw.Silence;

    /// <summary>Encodes one sample with the given law.</summary>
    public static byte Encode(G711Law law, short sample) => law == G711Law.MuLaw ? MuLaw.Encode(sample) : ALaw.Encode(sample);

    /// <summary>Decodes one code word with the given law.</summary>
    public static short Decode(G711Law law, byte code) => law == G711Law.MuLaw ? MuLaw.Decode(code) : ALaw.Decode(code);

    /// <summary>Encodes a block of samples.</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if (law == G711Law.MuLaw) MuLaw.Encode(pcm, destination);
        else ALaw.Encode(pcm, destination);
    }

    /// <summary>Decodes a block of code words.</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> destination)
    {
        if (law == G711Law.MuLaw) MuLaw.Decode(codes, destination);
        else ALaw.Decode(codes, destination);
    }

    /// <summary>Decodes a block into a new array.</summary>
    public static short[] Decode(G711Law law, ReadOnlySpan<byte> codes)
    {
        var pcm = new short[codes.Length];
        Decode(law, codes, pcm);
        return pcm;
    }

    /// <summary>Encodes a block into a new array.</summary>
    public static byte[] Encode(G711Law law, ReadOnlySpan<short> pcm)
    {
        var codes = new byte[pcm.Length];
        Encode(law, pcm, codes);
        return codes;
    }

    /// <summary>Converts code words of one law to the other through linear PCM.</summary>
    public static void Transcode(G711Law from, G711Law to, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        for (int i = 0; i < source.Length; i++) destination[i] = from == to ? source[i] : Encode(to, Decode(from, source[i]));
    }
}
