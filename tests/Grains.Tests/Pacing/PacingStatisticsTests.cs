using ContactCenter.Grains.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>The sliding window's running sums against the same figures computed from scratch.</summary>
public sealed class PacingStatisticsTests
{
    [Fact]
    public void RunningSums_MatchARecountAsCallsEnterAndLeaveTheWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));
        var window = TimeSpan.FromMinutes(10);
        var statistics = new PacingStatistics(clock, () => window);
        var history = new List<(DateTimeOffset At, bool Answered, bool Abandoned, double Ring)>();
        var handled = new List<(DateTimeOffset At, double Seconds)>();
        var random = new Random(7);
        Assert.Null(statistics.AnswerRate);
        Assert.Null(statistics.MeanHandleSeconds);

        for (var minute = 0; minute < 40; minute++)
        {
            for (var i = 0; i < 25; i++)
            {
                var answered = random.NextDouble() < 0.3;
                var abandoned = answered && random.NextDouble() < 0.05;
                var ring = random.NextDouble() * 30;
                statistics.Attempted(answered, abandoned, TimeSpan.FromSeconds(ring));
                history.Add((clock.GetUtcNow(), answered, abandoned, ring));
                if (answered)
                {
                    var busy = 60 + random.NextDouble() * 240;
                    statistics.Handled(TimeSpan.FromSeconds(busy));
                    handled.Add((clock.GetUtcNow(), busy));
                }
                clock.Advance(TimeSpan.FromSeconds(2.4));
            }
            var since = clock.GetUtcNow() - window;
            var inWindow = history.Where(h => h.At >= since).ToList();
            var answeredIn = inWindow.Where(h => h.Answered).ToList();
            Assert.Equal(inWindow.Count, statistics.Attempts);
            Assert.Equal((double)answeredIn.Count / inWindow.Count, statistics.AnswerRate!.Value, 9);
            Assert.Equal(inWindow.Average(h => h.Ring), statistics.MeanRingSeconds!.Value, tolerance: 1e-6);
            Assert.Equal(answeredIn.Average(h => h.Ring), statistics.MeanAnswerSeconds!.Value, tolerance: 1e-6);
            Assert.Equal((double)inWindow.Count(h => h.Abandoned) / answeredIn.Count, statistics.AbandonRate!.Value, 9);
            Assert.Equal(handled.Where(h => h.At >= since).Average(h => h.Seconds), statistics.MeanHandleSeconds!.Value, tolerance: 1e-6);
        }

        // A quiet spell longer than the window empties it: no figure, not a drifted remainder.
        clock.Advance(window + TimeSpan.FromSeconds(1));
        Assert.Equal(0, statistics.Attempts);
        Assert.Null(statistics.AnswerRate);
        Assert.Null(statistics.MeanRingSeconds);
        Assert.Null(statistics.MeanHandleSeconds);
    }
}
