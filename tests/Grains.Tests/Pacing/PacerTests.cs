using ContactCenter.Grains.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>Each dialer's algorithm under a fake clock, without a database or a cluster.</summary>
public sealed class PacerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Turn = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly InMemoryLeadClaims leads = new();
    private readonly Hopper hopper;
    private static readonly ClaimRules Rules = new([1], new CallingWindow(), 3);

    public PacerTests()
    {
        for (var i = 1; i <= 5000; i++) leads.Add(i);
        hopper = new Hopper("c1", leads, clock);
    }

    private static PacingFloor Floor(int ready = 0, int parked = 0, int inFlight = 0) =>
        new(Rules, Enumerable.Range(1, ready).Select(i => $"agent{i}").ToList(), parked, inFlight);

    [Fact]
    public async Task Auto_OneCallPerWaitingAgent_NeverMore()
    {
        var pacer = new AutoPacer(hopper);
        Assert.Equal(0, await pacer.PlanAsync(Floor(inFlight: 7)));
        Assert.Equal(0, leads.Claims);

        Assert.Equal(5, await pacer.PlanAsync(Floor(ready: 3, parked: 2, inFlight: 7)));
        Assert.Equal(10, hopper.Count); // twice the need, at least 10
    }

    [Fact]
    public async Task Broadcast_StartsCallsAtTheConfiguredRate_SpreadOverTheTurns()
    {
        var pacer = new BroadcastPacer(hopper, clock, () => new BroadcastPace(MaxCallsPerSecond: 20, MaxConcurrentCalls: 1000), Turn);
        var perTurn = new List<int>();
        for (var turn = 0; turn < 40; turn++) // ten seconds
        {
            var calls = await pacer.PlanAsync(Floor(inFlight: perTurn.Sum()));
            pacer.Placed(calls);
            perTurn.Add(calls);
            clock.Advance(Turn);
        }
        Assert.Equal(200, perTurn.Sum());
        Assert.All(perTurn, n => Assert.Equal(5, n));
    }

    [Fact]
    public async Task Broadcast_AfterAQuietSpell_NoBurst()
    {
        var pacer = new BroadcastPacer(hopper, clock, () => new BroadcastPace(20, 1000), Turn);
        pacer.Placed(await pacer.PlanAsync(Floor()));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(5, await pacer.PlanAsync(Floor()));
    }

    [Fact]
    public async Task Broadcast_RespectsTheConcurrencyCap_AndUnplacedCallsKeepTheirTokens()
    {
        var pace = new BroadcastPace(100, 30);
        var pacer = new BroadcastPacer(hopper, clock, () => pace, Turn);
        Assert.Equal(5, await pacer.PlanAsync(Floor(inFlight: 25)));
        pacer.Placed(2); // the trunk had two channels free
        clock.Advance(Turn);
        Assert.Equal(25, await pacer.PlanAsync(Floor(inFlight: 0)));
        Assert.Equal(0, await pacer.PlanAsync(Floor(inFlight: 30)));
    }

    [Fact]
    public async Task Broadcast_DialsNoMoreConversationsThanTheNodeCanDecode_CountingCallsStillRinging()
    {
        var headroom = 12;
        var pacer = new BroadcastPacer(hopper, clock, () => new BroadcastPace(100, 1000, headroom), Turn);
        // 25 asked by the rate; 12 decoders free, of which 4 may go to calls ringing now: 8.
        var floor = new PacingFloor(Rules, [], 0, CallsInFlight: 10, UnansweredCalls: 4);
        Assert.Equal(8, await pacer.PlanAsync(floor));
        Assert.Equal(BroadcastLimit.SpeechCapacity, pacer.Limit);
        pacer.Placed(8);
        clock.Advance(Turn);

        // The node full: nothing is dialed (rather than answered late), and the stats say why.
        headroom = 0;
        Assert.Equal(0, await pacer.PlanAsync(floor with { UnansweredCalls = 0 }));
        Assert.Equal(BroadcastLimit.SpeechCapacity, pacer.Limit);

        // Room again: the rate decides.
        headroom = 500;
        clock.Advance(Turn);
        Assert.Equal(25, await pacer.PlanAsync(floor with { UnansweredCalls = 0 }));
        Assert.Equal(BroadcastLimit.None, pacer.Limit);
    }

    [Fact]
    public async Task Broadcast_SaysWhatHeldItBack_AndWhatItAchieved()
    {
        var few = new InMemoryLeadClaims();
        for (var i = 1; i <= 3; i++) few.Add(i);
        var pacer = new BroadcastPacer(new Hopper("c2", few, clock), clock, () => new BroadcastPace(20, 6), Turn);
        Assert.Equal(3, await pacer.PlanAsync(Floor()));
        Assert.Equal(BroadcastLimit.NoCallableLeads, pacer.Limit);
        pacer.Placed(3);

        var capped = new BroadcastPacer(hopper, clock, () => new BroadcastPace(20, 6), Turn);
        var inFlight = 0;
        for (var turn = 0; turn < 8; turn++) // two seconds at 20/s asked, at most 6 in flight, none ending
        {
            var calls = await capped.PlanAsync(Floor(inFlight: inFlight));
            capped.Placed(calls);
            inFlight += calls;
            clock.Advance(Turn);
        }
        Assert.Equal(6, inFlight);
        Assert.Equal(BroadcastLimit.MaxConcurrentCalls, capped.Limit);
        Assert.InRange(capped.AchievedCallsPerSecond, 2.5, 3.5); // 6 calls over about two seconds, against 20 asked

        capped.TrunkFull();
        Assert.Equal(BroadcastLimit.TrunkFull, capped.Limit);
    }

    [Fact]
    public async Task Broadcast_SlowRate_StillPlacesOneCallAtATime()
    {
        var pacer = new BroadcastPacer(hopper, clock, () => new BroadcastPace(0.5, 10), Turn);
        var placed = 0;
        for (var turn = 0; turn < 80; turn++) // twenty seconds
        {
            var calls = await pacer.PlanAsync(Floor());
            pacer.Placed(calls);
            placed += calls;
            clock.Advance(Turn);
        }
        Assert.InRange(placed, 10, 11);
    }

    [Fact]
    public async Task Preview_OffersALeadToEachReadyAgent_AndKeepsItUntilTheTimeout()
    {
        var expired = new List<(string, long)>();
        var pacer = new PreviewPacer(hopper, clock, () => TimeSpan.FromSeconds(30)) { Expired = (a, l) => expired.Add((a, l)) };
        Assert.Equal(0, await pacer.PlanAsync(Floor(ready: 2)));
        var first = pacer.OfferOf("agent1")!;
        Assert.NotNull(pacer.OfferOf("agent2"));
        Assert.NotEqual(first.LeadId, pacer.OfferOf("agent2")!.LeadId);

        clock.Advance(TimeSpan.FromSeconds(30));
        await pacer.PlanAsync(Floor(ready: 2));
        Assert.Equal(first, pacer.OfferOf("agent1"));

        clock.Advance(TimeSpan.FromSeconds(1));
        await pacer.PlanAsync(Floor(ready: 2));
        Assert.Contains(("agent1", first.LeadId), expired);
        Assert.NotEqual(first.LeadId, pacer.OfferOf("agent1")!.LeadId);
        Assert.Contains(first.LeadId, hopper.LeadIds); // back in the queue for someone
    }

    [Fact]
    public async Task Preview_AnAgentWhoLeftReady_LosesItsOffer_WithoutCountingAsExpired()
    {
        var expired = 0;
        var pacer = new PreviewPacer(hopper, clock, () => TimeSpan.FromSeconds(30)) { Expired = (_, _) => expired++ };
        await pacer.PlanAsync(Floor(ready: 1));
        var offered = pacer.OfferOf("agent1")!.LeadId;

        await pacer.PlanAsync(Floor(ready: 0));
        Assert.Null(pacer.OfferOf("agent1"));
        Assert.Equal(0, expired);
        Assert.Contains(offered, hopper.LeadIds);
    }

    [Fact]
    public async Task Preview_SkipSendsTheLeadToTheBack_AcceptHandsItOver()
    {
        var pacer = new PreviewPacer(hopper, clock, () => TimeSpan.FromSeconds(30));
        await pacer.PlanAsync(Floor(ready: 1));
        var skipped = pacer.Skip("agent1")!;
        Assert.Equal(skipped.LeadId, hopper.LeadIds.Last());

        await pacer.PlanAsync(Floor(ready: 1));
        var next = pacer.OfferOf("agent1")!;
        Assert.NotEqual(skipped.LeadId, next.LeadId);
        Assert.Equal(next, pacer.Accept("agent1"));
        Assert.Null(pacer.OfferOf("agent1"));
        Assert.DoesNotContain(next.LeadId, hopper.LeadIds);
        Assert.Equal(0, pacer.Count);
    }
}
