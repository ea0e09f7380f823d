using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Broadcast.Conversation;

/// <summary>Issue 16: a callback the script books is the person's day and hour, not the silo's (which runs in UTC here).</summary>
public sealed class CallerTimeZoneTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Says "call me back", names the day, confirms it; returns when the callback was booked for.</summary>
    private static async Task<DateTimeOffset?> BookAsync(DateTimeOffset now, TimeZoneInfo zone, string day, AgentScript? script = null)
    {
        var session = new ConversationSession(script ?? SampleScripts.Renewal(), SharedEmbedder.Classifier, new LexiconSentimentAnalyzer(), new FakeTimeProvider(now),
            callerZone: zone);
        await session.StartAsync();
        await session.HandleAsync(CallerInput.Keys("3"));
        await session.HandleAsync(CallerInput.Say(day));
        var done = await session.HandleAsync(CallerInput.Keys("1"));
        return Assert.Single(done.Directives, d => d.Kind == DirectiveKind.ScheduleCallback).At;
    }

    [Theory]
    // 20:00 in Sydney (AEDT, +11): their tomorrow is the 25th; 10:00 there is 23:00 UTC on the 24th, not 21:00 their time.
    [InlineData("2026-11-24T09:00:00Z", "2026-11-24T23:00:00Z")]
    // 02:00 on the 25th in Sydney while still the 24th in UTC: their tomorrow is the 26th.
    [InlineData("2026-11-24T15:00:00Z", "2026-11-25T23:00:00Z")]
    public async Task Callback_TomorrowForASydneyLead_IsTenInTheMorningInSydney(string now, string expected)
    {
        var at = await BookAsync(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Sydney, "tomorrow");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(new TimeSpan(10, 0, 0), TimeZoneInfo.ConvertTime(at!.Value, Sydney).TimeOfDay);
    }

    [Fact]
    public async Task Callback_TomorrowAcrossTheEndOfDaylightSaving_IsTenOnTheirClock()
    {
        // Saturday 31 October 2026, 10:00 EDT (-4); the clocks go back on Sunday 1 November, 10:00 EST is -5.
        var at = await BookAsync(new DateTimeOffset(2026, 10, 31, 14, 0, 0, TimeSpan.Zero), NewYork, "tomorrow");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.FromHours(-5)), at);
        Assert.Equal(TimeSpan.FromHours(-5), at!.Value.Offset); // told in the person's offset, e.g. in the summary
    }

    [Fact]
    public async Task Callback_DelayAndTimeOfDay_IsThatTimeOnTheirDayNotExactlyADayOn()
    {
        var script = SampleScripts.Renewal().WithNode("schedule", n => n with
        {
            Action = new ActionDefinition { Type = ActionType.Callback, Delay = TimeSpan.FromDays(1), TimeOfDay = TimeSpan.FromHours(10) },
        });

        // 20:00 on the 24th in Sydney: a day later is the 25th, at 10:00 there; not exactly 24 hours on.
        var at = await BookAsync(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), Sydney, "tomorrow", script);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(11)), at);
    }

    [Fact]
    public async Task Callback_TimeTheClocksSkip_IsWhenTheyJumpPastIt()
    {
        var script = SampleScripts.Renewal().WithNode("schedule", n => n with
        {
            Action = new ActionDefinition { Type = ActionType.Callback, Delay = TimeSpan.FromDays(1), TimeOfDay = new TimeSpan(2, 30, 0) },
        });

        // Sydney springs forward at 02:00 on Sunday 4 October 2026, straight to 03:00 (+11).
        var at = await BookAsync(new DateTimeOffset(2026, 10, 3, 10, 0, 0, TimeSpan.Zero), Sydney, "tomorrow", script);

        Assert.Equal(new DateTimeOffset(2026, 10, 4, 3, 0, 0, TimeSpan.FromHours(11)), at);
    }
}
