using ContactCenter.Grains.Pacing;
using System.Reflection;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Silo.Database;
using ContactCenter.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>
/// The whole dialing path (campaign, hopper, lead, call, simulated carrier) under a fake clock:
/// our grains and the carrier read a <see cref="FakeTimeProvider"/>, while Orleans' own areas
/// (timers, messaging, membership) keep real time so the cluster runs normally.
/// </summary>
public sealed class FakeClockDialingTests : IAsyncLifetime
{
    // Tuesday 2026-11-24 14:00 UTC = 09:00 in New York.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero));
    private TestSilo? silo;
    private InProcessTestCluster? cluster;
    private NpgsqlDataSource? db;

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync("fake_clock", s =>
        {
            s.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            foreach (var key in OrleansTimeAreas()) s.Services.AddKeyedSingleton(key, TimeProvider.System);
        });
        cluster = silo.Cluster;
        db = silo.Database;
    }

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
    }

    /// <summary>The service keys Orleans resolves its own clocks by (Orleans.Runtime.TimeProviderNames).</summary>
    private static IEnumerable<object> OrleansTimeAreas() =>
        typeof(Orleans.Runtime.TimeProviderNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null)!).Where(v => v is not null);

    /// <summary>Moves the fake clock forward in steps, letting the real-time pacing timer run between them.</summary>
    private async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            clock.Advance(step);
            await Task.Delay(30);
        }
    }

    private async Task<Lead> LeadAsync(long id) => (await new LeadStore(db!).GetAsync(id))!;

    private async Task<Lead> AddLeadAsync(long listId, string timeZone)
    {
        var phone = GrainsCluster.NextPhone();
        return await new LeadStore(db!).InsertAsync(new NewLead { ListId = listId, Phone = phone }, phone, timeZone);
    }

    /// <summary>A running Auto campaign (08:00-21:00 in each lead's zone, every call busy after a second of ringing) with one Ready agent.</summary>
    private async Task<ICampaignGrain> StartBusyCampaignAsync(IReadOnlyList<long> listIds, RetryPolicy? retry = null)
    {
        var grains = cluster!.Client;
        var campaign = grains.GetGrain<ICampaignGrain>(TestData.NewId("clock"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Fake clock", DialerType = DialerType.Auto, ListIds = [.. listIds],
            CallingWindow = new CallingWindow { Start = "08:00", End = "21:00" },
            Retry = retry ?? new RetryPolicy(),
            Simulation = new CampaignSimulation { AnswerRate = 0, BusyRate = 1, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 1 },
        });
        var agent = grains.GetGrain<IAgentGrain>(TestData.NewId("agent"));
        await agent.CreateAsync(new AgentProfile("Clock Agent"));
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        await campaign.StartAsync();
        return campaign;
    }

    /// <summary>A fake second per pacing turn (250 ms), so the campaign acts within a fake second or two of when it means to.</summary>
    private async Task TickAsync(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task BusyLead_IsRetriedOnlyAfterItsDelay_AndOnlyInsideItsCallingWindow()
    {
        var list = await new LeadStore(db!).CreateListAsync("fake clock", "US");
        var lead = await AddLeadAsync(list.Id, "America/New_York");
        var campaign = await StartBusyCampaignAsync([list.Id], new RetryPolicy { MaxAttempts = 5, BusyMinutes = 10 });

        // First attempt: busy after the simulated second of ringing.
        await TestData.WaitUntilAsync(async () => { await AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)); return (await LeadAsync(lead.Id)).LastOutcome == "Busy"; }, "the first attempt ends busy");
        var afterFirst = await LeadAsync(lead.Id);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), afterFirst.NextCallableAt!.Value.ToUnixTimeSeconds(), 5.0);

        // Nine fake minutes later it still waits.
        await AdvanceAsync(TimeSpan.FromMinutes(9), TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await LeadAsync(lead.Id)).Attempts);

        // Past the ten-minute busy delay it is dialed again.
        await TestData.WaitUntilAsync(async () => { await AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)); return (await LeadAsync(lead.Id)).Attempts == 2; }, "the retry after the busy delay");
        await TestData.WaitUntilAsync(async () => { await AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)); return (await LeadAsync(lead.Id)).Status == LeadStatus.New; }, "the second attempt ends");

        // Evening in New York (21:30 local): due again, but outside the window, so nothing is dialed.
        var eveningUtc = new DateTimeOffset(2026, 11, 25, 2, 30, 0, TimeSpan.Zero);
        clock.Advance(eveningUtc - clock.GetUtcNow());
        await AdvanceAsync(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await LeadAsync(lead.Id)).Attempts);

        // Next morning 08:00 local the window opens and the lead is dialed.
        clock.Advance(new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        await TestData.WaitUntilAsync(async () => { await AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)); return (await LeadAsync(lead.Id)).Attempts == 3; }, "the dial when the window opens");
        await campaign.StopAsync();
    }

    [Fact]
    public async Task NothingCallable_TheCampaignClaimsAgainWhenTheWindowOpens_AndLooksForNewLeadsEvery30Seconds()
    {
        var list = await new LeadStore(db!).CreateListAsync("quiet campaign", "US");
        var westCoast = await AddLeadAsync(list.Id, "America/Los_Angeles");
        var campaign = await StartBusyCampaignAsync([list.Id]);

        // 06:00 in Los Angeles: nothing to dial. A New York lead added now is not seen at once...
        await TickAsync(3);
        var eastCoast = await AddLeadAsync(list.Id, "America/New_York");
        await TickAsync(10);
        Assert.Equal(0, (await LeadAsync(eastCoast.Id)).Attempts);
        // ...but within the 30 s the idle campaign waits at the most.
        await TestData.WaitUntilAsync(async () => { await TickAsync(1); return (await LeadAsync(eastCoast.Id)).Attempts == 1; }, "the New York lead is dialed");
        Assert.InRange(clock.GetUtcNow(), new DateTimeOffset(2026, 11, 24, 14, 0, 25, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 14, 0, 45, TimeSpan.Zero));

        // Just before 08:00 in Los Angeles the lead still waits; the campaign claims it when the window opens.
        clock.Advance(new DateTimeOffset(2026, 11, 24, 15, 59, 50, TimeSpan.Zero) - clock.GetUtcNow());
        await TickAsync(9);
        Assert.Equal(0, (await LeadAsync(westCoast.Id)).Attempts);
        await TestData.WaitUntilAsync(async () => { await TickAsync(1); return (await LeadAsync(westCoast.Id)).Attempts == 1; }, "the Los Angeles lead is dialed at 08:00 there");
        Assert.InRange(clock.GetUtcNow(), new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 16, 0, 6, TimeSpan.Zero));
        await campaign.StopAsync();
    }

    [Fact]
    public async Task AListWithNothingCallable_IsLeftOutOfClaimsFor30Seconds_WhileTheNextListDials()
    {
        // 14:00 UTC: the first list (Los Angeles, 06:00) has nothing callable, the second (New York) does.
        var leads = new LeadStore(db!);
        var west = await leads.CreateListAsync("west", "US");
        await AddLeadAsync(west.Id, "America/Los_Angeles");
        var east = await leads.CreateListAsync("east", "US");
        for (var i = 0; i < 40; i++) await AddLeadAsync(east.Id, "America/New_York");
        var campaign = await StartBusyCampaignAsync([west.Id, east.Id]);

        // The first claim took the east's leads; the west, which gave none, is left out for 30 s, so a
        // lead that becomes callable there (a New York number added to it) waits, priority or not...
        await TestData.WaitUntilAsync(async () => { await TickAsync(1); return (await campaign.GetStatsAsync()).Counters.Dialed >= 1; }, "the east is dialed");
        var startedAt = clock.GetUtcNow();
        var addedToWest = await AddLeadAsync(west.Id, "America/New_York");
        await TickAsync(15);
        Assert.True((await campaign.GetStatsAsync()).Counters.Dialed > 5, "the east keeps being dialed");
        Assert.Equal(0, (await LeadAsync(addedToWest.Id)).Attempts);
        // ...until the west is claimed from again.
        await TestData.WaitUntilAsync(async () => { await TickAsync(1); return (await LeadAsync(addedToWest.Id)).Attempts == 1; }, "the west's new lead is dialed", timeoutMs: 30000);
        Assert.InRange(clock.GetUtcNow() - startedAt, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));
        await campaign.StopAsync();
    }

    [Fact]
    public async Task Stats_OneLeadCountServesThePollsOfTwoSeconds_AttachingAListCountsAgain()
    {
        var leads = new LeadStore(db!);
        var (list, _) = await TestData.CreateListAsync(leads, 1);
        var campaign = cluster!.Client.GetGrain<ICampaignGrain>(TestData.NewId("stats"));
        await campaign.CreateAsync(new CampaignDefinition { Name = "Stats", DialerType = DialerType.Auto, ListIds = [list.Id] });
        Assert.Equal(1, (await campaign.GetStatsAsync()).LeadsTotal);

        await AddLeadAsync(list.Id, "America/New_York");
        Assert.Equal(1, (await campaign.GetStatsAsync()).LeadsTotal);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(1, (await campaign.GetStatsAsync()).LeadsTotal);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(2, (await campaign.GetStatsAsync()).LeadsTotal);

        var (second, _) = await TestData.CreateListAsync(leads, 3);
        await campaign.AttachListAsync(second.Id);
        var stats = await campaign.GetStatsAsync();
        Assert.Equal(5, stats.LeadsTotal);
        Assert.Equal(5, stats.LeadsRemaining);
    }
}
