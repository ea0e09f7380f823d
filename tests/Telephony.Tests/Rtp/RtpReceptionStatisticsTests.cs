using ContactCenter.Telephony.Rtp.Rtcp;

namespace ContactCenter.Telephony.Tests.Rtp;

public sealed class RtpReceptionStatisticsTests
{
    private const long Frequency = 1_000_000; // ticks per second in these tests

    private static long At(double milliseconds) => (long)(milliseconds * 1000);

    [Fact]
    public void InOrderStream_WithPerfectTiming_HasNoLossAndNoJitter()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        for (int i = 0; i < 100; i++) stats.Update((ushort)(1000 + i), (uint)(i * 160), 160, At(i * 20), Frequency);
        Assert.True(stats.IsValid);
        Assert.Equal(100u, stats.Expected);
        Assert.Equal(100u, stats.Received);
        Assert.Equal(0, stats.CumulativeLost);
        Assert.Equal(0, stats.Jitter, 3);
        Assert.Equal(1099u, stats.ExtendedHighestSequence);
    }

    [Fact]
    public void Loss_IsCountedAndReportedAsAFraction()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        for (int i = 0; i < 100; i++)
        {
            if (i % 4 == 3) continue; // lose every fourth packet
            stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20), Frequency);
        }
        Assert.Equal(99u, stats.Expected); // highest received is 98
        Assert.Equal(75u, stats.Received);
        Assert.Equal(24, stats.CumulativeLost);
        var block = stats.CreateReportBlock(At(2000), Frequency);
        Assert.Equal(24, block.CumulativeLost);
        Assert.Equal((byte)(24 * 256 / 99), block.FractionLost);

        // The next interval only loses 99 (the gap before 100): 1 of 51 expected.
        for (int i = 100; i < 150; i++) stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20), Frequency);
        var next = stats.CreateReportBlock(At(3000), Frequency);
        Assert.Equal((byte)(256 / 51), next.FractionLost);
        Assert.Equal(25, next.CumulativeLost);

        // And an interval with nothing missing reports zero while keeping the cumulative count.
        for (int i = 150; i < 160; i++) stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20), Frequency);
        var clean = stats.CreateReportBlock(At(3200), Frequency);
        Assert.Equal(0, clean.FractionLost);
        Assert.Equal(25, clean.CumulativeLost);
    }

    [Fact]
    public void SequenceWrap_AddsACycle()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        for (int i = 0; i < 20; i++) stats.Update((ushort)(65530 + i), (uint)(i * 160), 160, At(i * 20), Frequency);
        Assert.Equal(65536u + 13, stats.ExtendedHighestSequence);
        Assert.Equal(20u, stats.Expected);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Jitter_FollowsTheA8Estimator()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        // Arrivals alternate 0 and +10 ms late: |D| is 80 timestamp units after the first pair.
        double expected = 0;
        for (int i = 0; i < 200; i++)
        {
            double late = i % 2 == 1 ? 10 : 0;
            stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20 + late), Frequency);
            if (i >= 2) expected += (80 - expected) / 16; // the first packet is probation, the second sets transit
        }
        Assert.Equal(expected, stats.Jitter, 0);
        Assert.InRange(stats.JitterTime.TotalMilliseconds, 9.5, 10.01);
    }

    [Fact]
    public void Duplicates_MakeLossNegative_AndOldPacketsDontMoveTheMaximum()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        for (int i = 0; i < 10; i++) stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20), Frequency);
        stats.Update(5, 800, 160, At(300), Frequency);
        stats.Update(6, 960, 160, At(301), Frequency);
        Assert.Equal(9u, stats.ExtendedHighestSequence);
        Assert.Equal(-2, stats.CumulativeLost);
    }

    [Fact]
    public void HugeJump_IsConfirmedByTheNextPacketAsARestart()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        for (int i = 0; i < 10; i++) stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20), Frequency);
        Assert.False(stats.Update(40000, 0, 160, At(220), Frequency));
        Assert.True(stats.Update(40001, 160, 160, At(240), Frequency));
        Assert.Equal(1u, stats.Received);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void SenderReport_FeedsLsrAndDlsr()
    {
        var stats = new RtpReceptionStatistics(1, 8000);
        for (int i = 0; i < 3; i++) stats.Update((ushort)i, (uint)(i * 160), 160, At(i * 20), Frequency);
        stats.OnSenderReport(0x0000_1234_5678_0000, At(1000));
        var block = stats.CreateReportBlock(At(1500), Frequency);
        Assert.Equal(0x12345678u, block.LastSenderReport);
        Assert.Equal(32768u, block.DelaySinceLastSenderReport);
    }
}
