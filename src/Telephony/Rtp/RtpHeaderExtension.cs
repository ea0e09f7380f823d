namespace ContactCenter.Telephony.Rtp;

/// <summary>
/// The RTP header extension (RFC 3550 §5.3.1): a 16-bit profile-defined identifier and data
/// whose length is a multiple of four bytes (the length field counts 32-bit words).
/// </summary>
public sealed record RtpHeaderExtension
{
    /// <summary>Creates an extension; <paramref name="data"/> must be a multiple of 4 bytes and at most 65535 words.</summary>
    public RtpHeaderExtension(ushort profile, ReadOnlyMemory<byte> data)
    {
        if (data.Length % 4 != 0) throw new ArgumentException("RFC 3550 §5.3.1: header extension data is a whole number of 32-bit words.", nameof(data));
        if (data.Length / 4 > ushort.MaxValue) throw new ArgumentException("Header extension data is too long.", nameof(data));
        Profile = profile;
        Data = data;
    }

    /// <summary>The profile-defined value (e.g. 0xBEDE for RFC 8285 one-byte headers).</summary>
    public ushort Profile { get; }

    /// <summary>The extension body.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}
