using ContactCenter.Grains.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>The predictive estimator under a fake clock, without a database or a cluster.</summary>
public sealed class PredictivePacerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));
    private readonly PacingStatistics statistics;
    private readonly PredictivePacer pacer;
    private PredictiveSettings settings = new();

    public PredictivePacerTests()
    {
        statistics = new PacingStatistics(clock, () => TimeSpan.FromMinutes(15));
        pacer = new PredictivePacer(new Hopper("c1", new InMemoryLeadClaims(), clock), statistics, () => settings);
    }

    private static PacingFloor Floor(int ready, int busy = 0, int ringing = 0) =>
        new(new ClaimRules([1], new CallingWindow(), 3), Enumerable.Range(1, ready).Select(i => $"a{i}").ToList(), 0, ringing, busy, ringing);

    /// <summary>Feeds a history: this many attempts, a share answered, ring and handle times.</summary>
    private void History(int attempts, double answerRate, double ringSeconds, double handleSeconds, double abandonShare = 0)
    {
        var answered = (int)Math.Round(attempts * answerRate);
        var abandoned = (int)Math.Round(answered * abandonShare);
        for (var i = 0; i < attempts; i++) statistics.Attempted(i < answered, i < abandoned, TimeSpan.FromSeconds(ringSeconds));
        for (var i = 0; i < Math.Max(1, answered); i++) statistics.Handled(TimeSpan.FromSeconds(handleSeconds));
    }

    [Fact]
    public void ThinStatistics_OneCallPerReadyAgent_CountingCallsAlreadyRinging()
    {
        History(attempts: 10, answerRate: 0.2, ringSeconds: 20, handleSeconds: 120);
        Assert.Equal(5, pacer.CallsToPlace(Floor(ready: 5, busy: 10)));
        Assert.Equal(2, pacer.CallsToPlace(Floor(ready: 5, busy: 10, ringing: 3)));
        Assert.Null(pacer.LastEstimate);
    }

    [Fact]
    public void FewAgents_OneCallPerReadyAgent()
    {
        settings = new PredictiveSettings { MinAgents = 5 };
        History(attempts: 200, answerRate: 0.2, ringSeconds: 20, handleSeconds: 120);
        Assert.Equal(2, pacer.CallsToPlace(Floor(ready: 2, busy: 2)));
    }

    [Fact]
    public void LowAnswerRate_DialsSeveralCallsPerAgent_WithTheExpectedAbandonShareUnderTheTarget()
    {
        History(attempts: 500, answerRate: 0.2, ringSeconds: 20, handleSeconds: 120);
        var calls = pacer.CallsToPlace(Floor(ready: 20, busy: 30));
        var estimate = pacer.LastEstimate!;

        Assert.True(calls > 20, $"dials ahead of the 20 Ready agents ({calls})");
        Assert.InRange(PredictivePacer.ExpectedAbandonShare(estimate.CallsInFlight, 0.2, (int)Math.Floor(estimate.AvailableAgents)), 0, 0.03);
        // One more call would cross the target (or the ratio cap holds it).
        var cap = (int)Math.Floor(settings.MaxRatio * estimate.AvailableAgents);
        Assert.True(estimate.CallsInFlight == cap
            || PredictivePacer.ExpectedAbandonShare(estimate.CallsInFlight + 1, 0.2, (int)Math.Floor(estimate.AvailableAgents)) > 0.03);
    }

    [Fact]
    public void MoreRingingCalls_FewerNewOnes()
    {
        History(attempts: 500, answerRate: 0.3, ringSeconds: 15, handleSeconds: 180);
        var idle = pacer.CallsToPlace(Floor(ready: 20, busy: 20));
        var busyLines = pacer.CallsToPlace(Floor(ready: 20, busy: 20, ringing: 30));
        Assert.Equal(idle - 30, busyLines);
    }

    [Fact]
    public void MeasuredAbandonRateOverTheTarget_AimsLower()
    {
        settings = new PredictiveSettings { MaxRatio = 10 }; // the estimate decides, not the cap
        History(attempts: 500, answerRate: 0.2, ringSeconds: 20, handleSeconds: 120);
        var relaxed = pacer.CallsToPlace(Floor(ready: 20, busy: 30));

        var strict = new PacingStatistics(clock, () => TimeSpan.FromMinutes(15));
        for (var i = 0; i < 500; i++) strict.Attempted(i < 100, i < 10, TimeSpan.FromSeconds(20)); // 10 % abandoned
        for (var i = 0; i < 100; i++) strict.Handled(TimeSpan.FromSeconds(120));
        var tightened = new PredictivePacer(new Hopper("c2", new InMemoryLeadClaims(), clock), strict, () => settings);
        var calls = tightened.CallsToPlace(Floor(ready: 20, busy: 30));

        Assert.True(calls < relaxed, $"{calls} calls while running over the target, {relaxed} within it");
        Assert.True(tightened.LastEstimate!.TargetAbandonRate < settings.TargetAbandonRate);
    }

    [Fact]
    public void StatisticsOutsideTheWindow_AreForgotten()
    {
        History(attempts: 500, answerRate: 0.2, ringSeconds: 20, handleSeconds: 120);
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(0, statistics.Attempts);
        Assert.Equal(4, pacer.CallsToPlace(Floor(ready: 4, busy: 30)));
    }

    [Theory]
    [InlineData(2, 0.5, 1, 0.25)] // X in {0,1,2} with 1/4, 1/2, 1/4: E[max(0, X-1)] = 1/4, E[X] = 1
    [InlineData(3, 0.5, 3, 0)]
    [InlineData(4, 1.0, 2, 0.5)]
    public void ExpectedAbandonShare_SmallCases(int calls, double p, int agents, double expected) =>
        Assert.Equal(expected, PredictivePacer.ExpectedAbandonShare(calls, p, agents), 6);

    [Fact]
    public void ExpectedAbandonShare_MatchesASimulation()
    {
        var random = new Random(11);
        const int calls = 60, agents = 15, trials = 200_000;
        const double p = 0.22;
        double excess = 0, answers = 0;
        for (var t = 0; t < trials; t++)
        {
            var x = 0;
            for (var i = 0; i < calls; i++) if (random.NextDouble() < p) x++;
            answers += x;
            excess += Math.Max(0, x - agents);
        }
        // 200,000 trials: the simulated share is within about 0.0005 of the truth.
        Assert.InRange(PredictivePacer.ExpectedAbandonShare(calls, p, agents) - excess / answers, -0.002, 0.002);
    }
}
