using System.Net;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Tests.Sip.Messages;
using ContactCenter.Telephony.Tests.Sip.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Telephony.Tests.Sip.Transport;

/// <summary>A flood of bad packets must not become a flood of log lines.</summary>
public sealed class BadPacketLogTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("127.0.0.2"), 5099);

    [Fact]
    public async Task BadPacketFlood_LogsAtMostTheLimitPerIntervalThenASummary()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var logger = new ListLogger<SipTransport>();
        var channel = new FakeSipChannel();
        await using var transport = new SipTransport([channel], logger, badPacketLog: new SipLogRateLimit(3, TimeSpan.FromSeconds(10)), timeProvider: time);
        transport.Start(new RecordingMessageHandler());

        for (var i = 0; i < 50; i++) await channel.InjectAsync("\u0001garbage " + i, Peer);
        for (var i = 0; i < 50; i++) await channel.InjectAsync(SampleMessages.Invite.Replace("SIP/2.0\r\n", "SIP/7.0\r\n"), Peer);

        Assert.Equal(3, logger.Count("Malformed SIP message"));
        Assert.Equal(0, logger.Count("suppressed"));
        // Rate-limiting the log does not rate-limit the answers.
        Assert.Equal(50, channel.Sent.Count);

        time.Advance(TimeSpan.FromSeconds(10));

        var summary = Assert.Single(logger.Lines, l => l.Message.Contains("suppressed", StringComparison.Ordinal));
        Assert.Contains("97", summary.Message);

        await channel.InjectAsync("\u0001one more", Peer);
        Assert.Equal(4, logger.Count("Malformed SIP message"));
    }

    [Fact]
    public async Task QuietPeriod_NoSummaryWhenNothingWasSuppressed()
    {
        var time = new FakeTimeProvider();
        var logger = new ListLogger<SipTransport>();
        var channel = new FakeSipChannel();
        await using var transport = new SipTransport([channel], logger, badPacketLog: new SipLogRateLimit(3, TimeSpan.FromSeconds(10)), timeProvider: time);
        transport.Start(new RecordingMessageHandler());

        await channel.InjectAsync("\u0001garbage", Peer);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, logger.Count("Malformed SIP message"));
        Assert.Equal(0, logger.Count("suppressed"));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 0)]
    public void RateLimit_NonPositive_Invalid(int lines, int seconds) =>
        Assert.Throws<ArgumentException>(() => new SipLogRateLimit(lines, TimeSpan.FromSeconds(seconds)).Validate());
}
