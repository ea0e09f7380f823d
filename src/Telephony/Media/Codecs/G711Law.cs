namespace ContactCenter.Telephony.Media.Codecs;

/// <summary>The two companding laws of ITU-T G.711.</summary>
public enum G711Law
{
    /// <summary>µ-law (PCMU, RTP payload type 0), used in North America and Japan.</summary>
    MuLaw,
    /// <summary>A-law (PCMA, RTP payload type 8), used in Europe and most other places.</summary>
    ALaw,
}
