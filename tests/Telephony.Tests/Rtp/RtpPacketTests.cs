using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void Parse_KnownBytes_ReadsEveryField()
    {
        // V=2 P=0 X=0 CC=0, M=1 PT=0, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304, 3 payload bytes.
        byte[] bytes = [0x80, 0x80, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xFF, 0x7F, 0x00];
        var packet = RtpPacket.Parse(bytes);
        Assert.Equal(2, packet.Version);
        Assert.True(packet.Marker);
        Assert.Equal(0, packet.PayloadType);
        Assert.Equal(0x1234, packet.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, packet.Timestamp);
        Assert.Equal(0x01020304u, packet.Ssrc);
        Assert.Equal(new byte[] { 0xFF, 0x7F, 0x00 }, packet.Payload.ToArray());
        Assert.False(packet.Padding);
        Assert.Empty(packet.Csrcs);
        Assert.Equal(bytes, packet.ToArray());
    }

    [Fact]
    public void AllOptionalParts_RoundTrip()
    {
        var extension = new RtpHeaderExtension(0xBEDE, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        var packet = new RtpPacket(101, 65535, uint.MaxValue, 42, new byte[] { 9, 8, 7 }, marker: true,
            csrcs: [7u, 8u, 0xFFFFFFFFu], extension: extension, paddingLength: 5);
        var bytes = packet.ToArray();
        Assert.Equal(12 + 12 + 4 + 8 + 3 + 5, bytes.Length);
        Assert.Equal(0x80 | 0x20 | 0x10 | 3, bytes[0]);
        Assert.Equal(5, bytes[^1]);

        var back = RtpPacket.Parse(bytes);
        Assert.Equal(101, back.PayloadType);
        Assert.True(back.Marker);
        Assert.Equal(65535, back.SequenceNumber);
        Assert.Equal(uint.MaxValue, back.Timestamp);
        Assert.Equal(new uint[] { 7, 8, 0xFFFFFFFF }, back.Csrcs);
        Assert.Equal(0xBEDE, back.Extension!.Profile);
        Assert.Equal(extension.Data.ToArray(), back.Extension.Data.ToArray());
        Assert.Equal(new byte[] { 9, 8, 7 }, back.Payload.ToArray());
        Assert.Equal(5, back.PaddingLength);
        Assert.Equal(bytes, back.ToArray());
    }

    public static TheoryData<byte[], string> Invalid => new()
    {
        { new byte[11], "shorter than the 12-byte" },
        { new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, "version is 1" },
        { new byte[] { 0x00, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, "version is 0" },
        { new byte[] { 0x82, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5 }, "2 CSRCs" },
        { new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE }, "extension header is missing" },
        { new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4 }, "declares 2 words" },
        { new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0 }, "padding count is zero" },
        { new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 9 }, "padding count 9 exceeds" },
        { new byte[] { 0x80, 0xC8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, "collides with RTCP" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidPacket_SaysWhy(byte[] bytes, string reason)
    {
        Assert.Null(RtpPacket.TryParse(bytes, out var error));
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<RtpFormatException>(() => RtpPacket.Parse(bytes)).Message);
    }

    [Fact]
    public void Constructor_RejectsOutOfRangeFields()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacket(128, 0, 0, 0, Array.Empty<byte>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacket(72, 0, 0, 0, Array.Empty<byte>()));
        Assert.Throws<ArgumentException>(() => new RtpPacket(0, 0, 0, 0, Array.Empty<byte>(), csrcs: Enumerable.Range(0, 16).Select(i => (uint)i).ToArray()));
        Assert.Throws<ArgumentException>(() => new RtpHeaderExtension(1, new byte[3]));
        Assert.Throws<ArgumentException>(() => new RtpPacket(0, 0, 0, 0, new byte[1600]));
    }

    [Fact]
    public void RandomPackets_RoundTrip_AndRandomBytes_NeverThrowFromTryParse()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var payload = new byte[random.Next(0, 200)];
            random.NextBytes(payload);
            int pt = random.Next(0, 128);
            if (pt is >= 72 and <= 76) pt = 0;
            var packet = new RtpPacket(pt, (ushort)random.Next(65536), (uint)random.NextInt64(uint.MaxValue), (uint)random.NextInt64(uint.MaxValue), payload,
                random.Next(2) == 1, Enumerable.Range(0, random.Next(16)).Select(_ => (uint)random.Next()).ToArray(), paddingLength: random.Next(0, 4));
            var back = RtpPacket.Parse(packet.ToArray());
            Assert.Equal(packet.ToArray(), back.ToArray());

            var junk = new byte[random.Next(0, 64)];
            random.NextBytes(junk);
            _ = RtpPacket.TryParse(junk, out _);
        }
    }

    [Fact]
    public void LooksLikeRtcp_UsesTheSecondOctet()
    {
        Assert.True(RtpPacket.LooksLikeRtcp(new byte[] { 0x80, 200 }));
        Assert.True(RtpPacket.LooksLikeRtcp(new byte[] { 0x80, 201 }));
        Assert.False(RtpPacket.LooksLikeRtcp(new byte[] { 0x80, 0 }));
        Assert.False(RtpPacket.LooksLikeRtcp(new byte[] { 0x80, 0x80 | 101 }));
    }
}
