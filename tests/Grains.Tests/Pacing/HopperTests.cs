using ContactCenter.Grains.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>The hopper's refill rules under a fake clock, without a database or a cluster.</summary>
public sealed class HopperTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly InMemoryLeadClaims leads = new();
    private static readonly ClaimRules OneList = new([1], new CallingWindow(), 3);

    private readonly HashSet<string> loggedIn = [];

    private Hopper NewHopper(Func<IEnumerable<long>>? heldElsewhere = null) =>
        new("c1", leads, clock)
        {
            HeldElsewhere = heldElsewhere ?? (() => []),
            AgentLoggedIn = loggedIn.Contains,
            PersonalCallbackWait = () => TimeSpan.FromMinutes(30),
        };

    [Fact]
    public async Task Refill_ClaimsUpToTheTarget_OnlyWhenShortOfWhatIsNeeded()
    {
        for (var i = 1; i <= 50; i++) leads.Add(i);
        var hopper = NewHopper();

        await hopper.RefillAsync(OneList, needed: 3, target: 10, callsInFlight: false);
        Assert.Equal(10, hopper.Count);
        await hopper.RefillAsync(OneList, needed: 10, target: 20, callsInFlight: false);
        Assert.Equal(1, leads.Claims);

        hopper.Take();
        await hopper.RefillAsync(OneList, needed: 10, target: 20, callsInFlight: false);
        Assert.Equal(20, hopper.Count);
        Assert.Equal(2, leads.Claims);
    }

    [Fact]
    public async Task NothingCallable_NextClaimWaitsForTheFirstLeadToFallDue_WithinTwoAndThirtySeconds()
    {
        leads.Add(1, callableAt: Start.AddSeconds(12));
        var hopper = NewHopper();

        await hopper.RefillAsync(OneList, 1, 10, callsInFlight: false);
        Assert.Equal(0, hopper.Count);
        Assert.Equal(Start.AddSeconds(12), hopper.NextClaimAt);
        Assert.Equal(Start.AddSeconds(12), hopper.NextCallable?.At);

        clock.Advance(TimeSpan.FromSeconds(11));
        await hopper.RefillAsync(OneList, 1, 10, callsInFlight: false);
        Assert.Equal(1, leads.Claims);

        clock.Advance(TimeSpan.FromSeconds(1));
        await hopper.RefillAsync(OneList, 1, 10, callsInFlight: false);
        Assert.Equal(1, hopper.Count);
        Assert.Null(hopper.NextCallable);
    }

    [Theory]
    [InlineData(0.5, 2)]
    [InlineData(3600, 30)]
    public async Task NextClaimWait_IsClampedBetweenTheBounds(double dueInSeconds, double expectedWaitSeconds)
    {
        leads.Add(1, callableAt: Start.AddSeconds(dueInSeconds));
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 1, 10, callsInFlight: false);
        Assert.Equal(Start.AddSeconds(expectedWaitSeconds), hopper.NextClaimAt);
    }

    [Fact]
    public async Task NothingCallableWithCallsInFlight_WaitsTheShortWait_WithoutAskingWhen()
    {
        leads.Add(1, callableAt: Start.AddHours(1));
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 1, 10, callsInFlight: true);
        Assert.Equal(Start + Hopper.IdleClaimMinWait, hopper.NextClaimAt);
        Assert.Equal(0, leads.NextCallableQueries);
    }

    [Fact]
    public async Task ClaimSoon_ShortensALongIdleWait()
    {
        leads.Add(1, callableAt: Start.AddHours(1));
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 1, 10, callsInFlight: false);
        Assert.Equal(Start + Hopper.IdleClaimMaxWait, hopper.NextClaimAt);

        hopper.ClaimSoon();
        Assert.Equal(Start + Hopper.IdleClaimMinWait, hopper.NextClaimAt);
    }

    [Fact]
    public async Task EmptyClaim_HandsBackStrays_KeepingWhatIsHeldHereAndElsewhere()
    {
        leads.Add(1);
        leads.Add(2);
        var hopper = NewHopper(() => [2]);
        await hopper.RefillAsync(OneList, 1, 1, false);
        await hopper.RefillAsync(OneList, 2, 1, false); // claims lead 2 too: now both held
        Assert.Equal(2, hopper.Count);

        var first = hopper.Take()!;
        leads.Dialed(first.LeadId);
        hopper.Take(); // lead 2 "on an agent's screen": held elsewhere
        await hopper.RefillAsync(OneList, 1, 10, false);

        Assert.Equal([2L], leads.StraySweeps.Single());
    }

    [Fact]
    public async Task PersonalCallback_GoesToItsAgentFirst_OthersTakeTheHead()
    {
        leads.Add(1);
        leads.Add(2, callbackAgentId: "bob");
        leads.Add(3);
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 3, 3, false);

        Assert.Equal(2, hopper.Take("bob")!.LeadId);
        Assert.Equal(1, hopper.Take("alice")!.LeadId);
        Assert.Equal(3, hopper.Take()!.LeadId);
        Assert.Null(hopper.Take());
    }

    [Fact]
    public async Task PersonalCallback_WhileItsAgentIsLoggedIn_NobodyElseGetsIt_HoweverLongItWaits()
    {
        leads.Add(1, callbackAgentId: "bob");
        leads.Add(2);
        loggedIn.Add("bob"); // logged in, but paused or on another call
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 2, 2, false);

        Assert.Equal(2, hopper.Take("alice")!.LeadId);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.Null(hopper.Take("alice"));
        Assert.Null(hopper.Take()); // nor a call for no agent in particular
        Assert.Equal(0, hopper.Available);
        Assert.Equal(1, hopper.Take("bob")!.LeadId);
    }

    [Fact]
    public async Task PersonalCallback_ItsAgentAway_BecomesACampaignCallbackAfterTheWait()
    {
        leads.Add(1, callbackAgentId: "bob");
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 1, 1, false);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Null(hopper.Take("alice"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, hopper.Take("alice")!.LeadId);
    }

    [Fact]
    public async Task Refill_CountsOnlyWhatOthersMayTake_SoAPersonalCallbackDoesNotStarveTheFloor()
    {
        leads.Add(1, callbackAgentId: "bob");
        for (var i = 2; i <= 20; i++) leads.Add(i);
        loggedIn.Add("bob");
        var hopper = NewHopper();
        await hopper.RefillAsync(OneList, 1, 1, false);
        Assert.Equal((1, 0), (hopper.Count, hopper.Available));

        await hopper.RefillAsync(OneList, 1, 5, false);
        Assert.Equal(5, hopper.Available);
        Assert.Equal(2, hopper.Take("alice")!.LeadId);
    }

    [Fact]
    public async Task AListThatGaveNothing_WhileALaterOneGave_IsLeftOutOfClaimsForThirtySeconds()
    {
        var twoLists = OneList with { ListIds = [1, 2] };
        leads.Add(1, listId: 1, callableAt: Start.AddSeconds(5));
        for (var i = 10; i < 30; i++) leads.Add(i, listId: 2);
        var hopper = NewHopper();

        await hopper.RefillAsync(twoLists, 5, 5, false);
        Assert.All(Enumerable.Range(0, 5).Select(_ => hopper.Take()!), l => Assert.Equal(2, l.ListId));

        clock.Advance(TimeSpan.FromSeconds(10)); // list 1's lead is due now, but list 1 is quiet
        await hopper.RefillAsync(twoLists, 5, 5, false);
        Assert.DoesNotContain(Enumerable.Range(0, 5).Select(_ => hopper.Take()!), l => l.ListId == 1);

        clock.Advance(Hopper.IdleClaimMaxWait);
        await hopper.RefillAsync(twoLists, 5, 5, false);
        Assert.Equal(1, hopper.Take()!.ListId);
    }

    [Fact]
    public async Task DropList_TakesOutThatListsLeads_AndReturnsTheirIds()
    {
        var twoLists = OneList with { ListIds = [1, 2] };
        leads.Add(1, listId: 1);
        leads.Add(2, listId: 2);
        leads.Add(3, listId: 1);
        var hopper = NewHopper();
        await hopper.RefillAsync(twoLists, 3, 3, false);

        Assert.Equal([1L, 3L], hopper.DropList(1));
        Assert.Equal([2L], hopper.LeadIds);
    }
}
