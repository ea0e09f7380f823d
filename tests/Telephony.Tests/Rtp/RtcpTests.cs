using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Rtcp;

namespace ContactCenter.Telephony.Tests.Rtp;

public sealed class RtcpTests
{
    [Fact]
    public void SenderReportCompound_RoundTrips()
    {
        var block = new RtcpReportBlock(0xAABBCCDD, 64, -3, 0x0001FFFF, 123, 0x11223344, 0x00010000);
        var sr = new RtcpSenderReport(0x01020304, 0x0123456789ABCDEF, 160000, 500, 80000, [block]);
        var bytes = RtcpCompoundPacket.Write([sr, new RtcpSourceDescription(0x01020304, "alice@host"), new RtcpBye(0x01020304)]);
        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal(0x81, bytes[0]);
        Assert.Equal(200, bytes[1]);
        Assert.Equal(12, bytes[3]); // 52 bytes = 13 words, length field 12

        var packets = RtcpCompoundPacket.Parse(bytes);
        Assert.Equal(3, packets.Count);
        var back = Assert.IsType<RtcpSenderReport>(packets[0]);
        Assert.Equal(sr.NtpTimestamp, back.NtpTimestamp);
        Assert.Equal(500u, back.PacketCount);
        Assert.Equal(80000u, back.OctetCount);
        Assert.Equal(block, Assert.Single(back.Reports));
        Assert.Equal(0.25, back.Reports[0].FractionLostRatio);
        Assert.Equal("alice@host", Assert.IsType<RtcpSourceDescription>(packets[1]).CName);
        Assert.Equal(0x01020304u, Assert.IsType<RtcpBye>(packets[2]).LeavingSsrc);
    }

    [Fact]
    public void ReceiverReport_RoundTrips_WithNoBlocks()
    {
        var bytes = RtcpCompoundPacket.Write([new RtcpReceiverReport(9, []), new RtcpSourceDescription(9, "")]);
        var packets = RtcpCompoundPacket.Parse(bytes);
        Assert.Equal(9u, Assert.IsType<RtcpReceiverReport>(packets[0]).ReporterSsrc);
        Assert.Equal("", Assert.IsType<RtcpSourceDescription>(packets[1]).CName);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 202, 0, 1, 0, 0, 0, 1 }, "SR or RR first")]
    [InlineData(new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 1 }, "version is 1")]
    [InlineData(new byte[] { 0x80, 201, 0, 5, 0, 0, 0, 1 }, "declares 24 bytes")]
    [InlineData(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 }, "too short")]
    [InlineData(new byte[] { 0xA0, 201, 0, 1, 0, 0, 0, 1 }, "padding")]
    [InlineData(new byte[] { 0x80, 201 }, "too short")]
    public void Parse_InvalidCompound_SaysWhy(byte[] bytes, string reason) =>
        Assert.Contains(reason, Assert.Throws<RtpFormatException>(() => RtcpCompoundPacket.Parse(bytes)).Message);

    [Fact]
    public void NtpTimestamp_RoundTripsAndHasTheRightEpoch()
    {
        var t = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(250);
        ulong ntp = NtpTimestamp.FromDateTime(t);
        // 1970 is 2,208,988,800 s after the NTP epoch.
        Assert.Equal((ulong)(t.ToUnixTimeSeconds() + 2208988800L), ntp >> 32);
        Assert.Equal(0x40000000u, (uint)ntp);
        Assert.True(Math.Abs((NtpTimestamp.ToDateTime(ntp) - t).TotalMilliseconds) < 1);
        Assert.Equal(32768u, NtpTimestamp.ToShortUnits(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void RandomBytes_NeverThrowAnythingButFormatErrors()
    {
        var random = new Random(3);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (bytes.Length > 1 && random.Next(2) == 0) { bytes[0] = (byte)(0x80 | (bytes[0] & 0x1F)); bytes[1] = 201; }
            try
            {
                RtcpCompoundPacket.Parse(bytes);
            }
            catch (RtpFormatException)
            {
            }
        }
    }
}
