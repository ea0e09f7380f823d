using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Pacing;

/// <summary>
/// The hopper's lead selection, run against real PostgreSQL at chosen instants: the clock is a
/// parameter, so calling windows, retry delays and callbacks are checked at exact times.
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class HopperStoreTests(GrainsCluster fixture)
{
    // Tuesday 2026-11-24 14:00 UTC = 09:00 in New York, 06:00 in Los Angeles, 23:00 in Tokyo.
    private static readonly DateTimeOffset TuesdayAfternoonUtc = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);
    private static readonly CallingWindow Daytime = new() { Start = "08:00", End = "21:00" };

    private HopperStore Hopper => new(fixture.Database);

    private async Task<Lead> AddLeadAsync(long listId, string? timeZone = "America/New_York")
    {
        var phone = GrainsCluster.NextPhone();
        return await fixture.Leads.InsertAsync(new NewLead { ListId = listId, Phone = phone }, phone, timeZone);
    }

    private async Task SetAsync(long leadId, string assignments, params object[] values)
    {
        await using var cmd = fixture.Database.CreateCommand($"UPDATE leads SET {assignments} WHERE id = $1");
        cmd.Parameters.Add(new() { Value = leadId });
        foreach (var v in values) cmd.Parameters.Add(new() { Value = v });
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Campaign() => TestData.NewId("hopper");

    [Fact]
    public async Task Claim_UsesEachLeadsLocalTime()
    {
        var list = await fixture.Leads.CreateListAsync("tz", "US");
        var newYork = await AddLeadAsync(list.Id, "America/New_York");
        await AddLeadAsync(list.Id, "America/Los_Angeles");
        await AddLeadAsync(list.Id, "Asia/Tokyo");
        var claimed = await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc);
        Assert.Equal([newYork.Id], claimed.Select(c => c.LeadId));
        Assert.Equal(LeadStatus.Queued, (await fixture.Leads.GetAsync(newYork.Id))!.Status);
    }

    [Fact]
    public async Task Claim_TakesTheEarliestLeadsAcrossOpenZones_ALeadWithoutZoneCountsAsUtc()
    {
        // 14:00 UTC: New York and UTC are open, Los Angeles is not; the claim's limit picks the
        // earliest callable leads, whatever their zones.
        var list = await fixture.Leads.CreateListAsync("zones", "US");
        var losAngeles = await AddLeadAsync(list.Id, "America/Los_Angeles");
        var newYork = await AddLeadAsync(list.Id, "America/New_York");
        var utc = await AddLeadAsync(list.Id, timeZone: null);
        var laterNewYork = await AddLeadAsync(list.Id, "America/New_York");
        var first = await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 2, TuesdayAfternoonUtc);
        Assert.Equal([newYork.Id, utc.Id], first.Select(c => c.LeadId));
        var second = await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 2, TuesdayAfternoonUtc);
        Assert.Equal([laterNewYork.Id], second.Select(c => c.LeadId));
        Assert.Equal(LeadStatus.New, (await fixture.Leads.GetAsync(losAngeles.Id))!.Status);
    }

    [Fact]
    public async Task Claim_ANumberOnSeveralClocks_IsDialedOnlyWhileTheWindowIsOpenOnAll()
    {
        // An 08 number with no address: Perth (UTC+8) or Adelaide (UTC+10:30 in December).
        var list = await fixture.Leads.CreateListAsync("two clocks", "AU");
        var lead = await AddLeadAsync(list.Id, "Australia/Perth");
        await SetAsync(lead.Id, "other_time_zones = $2", (object)new[] { "Australia/Adelaide" });
        var perthOpenAdelaideClosed = new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.Zero); // 19:30 Perth, 22:00 Adelaide
        var bothOpen = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 11:00 Perth, 13:30 Adelaide

        Assert.Empty(await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 10, perthOpenAdelaideClosed));
        // It waits for the first moment both are open: 08:00 in Perth is 10:30 in Adelaide (the next day, 00:00 UTC).
        var next = await Hopper.FindNextCallableAsync(Campaign(), [list.Id], Daytime, 3, perthOpenAdelaideClosed);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), next!.At);
        Assert.Equal([lead.Id], (await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 10, bothOpen)).Select(c => c.LeadId));
    }

    [Fact]
    public async Task Claim_WeekdayOverrides_CloseSundayAndShortenSaturday()
    {
        var list = await fixture.Leads.CreateListAsync("weekdays", "US");
        var lead = await AddLeadAsync(list.Id, "America/New_York");
        var window = Daytime with { Weekdays = [new WeekdayWindow(DayOfWeek.Sunday, Closed: true), new WeekdayWindow(DayOfWeek.Saturday, "10:00", "14:00")] };
        var sundayNoonNy = new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero);
        var saturday3pmNy = new DateTimeOffset(2026, 11, 28, 20, 0, 0, TimeSpan.Zero);
        var saturday11amNy = new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero);
        Assert.Empty(await Hopper.ClaimAsync(Campaign(), [list.Id], window, 3, 10, sundayNoonNy));
        Assert.Empty(await Hopper.ClaimAsync(Campaign(), [list.Id], window, 3, 10, saturday3pmNy));
        Assert.Equal([lead.Id], (await Hopper.ClaimAsync(Campaign(), [list.Id], window, 3, 10, saturday11amNy)).Select(c => c.LeadId));
    }

    [Fact]
    public async Task Claim_RetryWaitsUntilDue_AndMaxAttemptsEndsIt()
    {
        var list = await fixture.Leads.CreateListAsync("retries", "US");
        var retry = await AddLeadAsync(list.Id);
        var exhausted = await AddLeadAsync(list.Id);
        await SetAsync(retry.Id, "attempts = 1, last_outcome = 'Busy', next_callable_at = $2", TuesdayAfternoonUtc.AddMinutes(10));
        await SetAsync(exhausted.Id, "attempts = 3, last_outcome = 'Busy'");
        Assert.Empty(await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc.AddMinutes(9)));
        var due = await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc.AddMinutes(10));
        Assert.Equal([retry.Id], due.Select(c => c.LeadId));
    }

    [Fact]
    public async Task Claim_ReadsNoRetryOrCallbackScheduledForLater()
    {
        // Leads scheduled for later sit at the end of their kind's order: a claim must stop at the
        // first of them, not read them all on every refill (plans counted, not timed).
        var list = await fixture.Leads.CreateListAsync("scheduled later", "US");
        await using (var cmd = fixture.Database.CreateCommand("""
            INSERT INTO leads (list_id, phone, time_zone, status, attempts, next_callable_at)
            SELECT $1, '+1999' || lpad(g::text, 7, '0'), 'America/New_York', CASE WHEN g % 2 = 0 THEN 'New' ELSE 'Callback' END, 1, $2 + g * interval '1 second'
            FROM generate_series(1, 400) g
            """))
        {
            cmd.Parameters.Add(new() { Value = list.Id });
            cmd.Parameters.Add(new() { Value = TuesdayAfternoonUtc.AddMinutes(5) });
            await cmd.ExecuteNonQueryAsync();
        }
        var dueRetry = await AddLeadAsync(list.Id);
        await SetAsync(dueRetry.Id, "attempts = 1, next_callable_at = $2", TuesdayAfternoonUtc.AddMinutes(-1));
        var fresh = await AddLeadAsync(list.Id);

        await using var claim = Hopper.CreateClaimCommand(Campaign(), [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc);
        claim.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + claim.CommandText;
        var plan = System.Text.Json.JsonDocument.Parse((string)(await claim.ExecuteScalarAsync())!);
        var leadRowsRead = Nodes(plan.RootElement[0].GetProperty("Plan"))
            // Rows fetched from leads by an index, whichever form the planner picks for a walk (a small list may get a bitmap scan).
            .Where(n => n.TryGetProperty("Relation Name", out var r) && r.GetString() == "leads"
                && n.GetProperty("Node Type").GetString() is { } type && (type.Contains("Index Scan") || type == "Bitmap Heap Scan"))
            .Sum(n => n.GetProperty("Actual Rows").GetDouble() * n.GetProperty("Actual Loops").GetDouble()
                      + (n.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetDouble() : 0));
        Assert.InRange(leadRowsRead, 2, 10);
        Assert.Equal(LeadStatus.Queued, (await fixture.Leads.GetAsync(dueRetry.Id))!.Status);
        Assert.Equal(LeadStatus.Queued, (await fixture.Leads.GetAsync(fresh.Id))!.Status);

        static IEnumerable<System.Text.Json.JsonElement> Nodes(System.Text.Json.JsonElement node) =>
            node.TryGetProperty("Plans", out var children) ? children.EnumerateArray().SelectMany(Nodes).Prepend(node) : [node];
    }

    [Fact]
    public async Task Claim_OrdersByListPriority_ThenCallbacks_Retries_New()
    {
        var high = await fixture.Leads.CreateListAsync("high", "US");
        var low = await fixture.Leads.CreateListAsync("low", "US");
        var lowNew = await AddLeadAsync(low.Id);
        var highNew = await AddLeadAsync(high.Id);
        var highRetry = await AddLeadAsync(high.Id);
        var highCampaignCallback = await AddLeadAsync(high.Id);
        var highPersonalCallback = await AddLeadAsync(high.Id);
        var futureCallback = await AddLeadAsync(high.Id);
        await SetAsync(highRetry.Id, "attempts = 1, next_callable_at = $2", TuesdayAfternoonUtc.AddHours(-1));
        await SetAsync(highCampaignCallback.Id, "status = 'Callback', attempts = 1, next_callable_at = $2", TuesdayAfternoonUtc.AddMinutes(-5));
        await SetAsync(highPersonalCallback.Id, "status = 'Callback', attempts = 1, callback_agent_id = 'alice', next_callable_at = $2", TuesdayAfternoonUtc.AddMinutes(-1));
        await SetAsync(futureCallback.Id, "status = 'Callback', attempts = 1, next_callable_at = $2", TuesdayAfternoonUtc.AddHours(1));

        var claimed = await Hopper.ClaimAsync(Campaign(), [high.Id, low.Id], Daytime, 3, 10, TuesdayAfternoonUtc);
        Assert.Equal([highPersonalCallback.Id, highCampaignCallback.Id, highRetry.Id, highNew.Id, lowNew.Id], claimed.Select(c => c.LeadId));
        Assert.Equal("alice", claimed[0].CallbackAgentId);
    }

    [Fact]
    public async Task Claim_SkipsDncNumbers_GlobalAndPerCampaign()
    {
        var list = await fixture.Leads.CreateListAsync("dnc", "US");
        var globalDnc = await AddLeadAsync(list.Id);
        var campaignDnc = await AddLeadAsync(list.Id);
        var fine = await AddLeadAsync(list.Id);
        var campaign = Campaign();
        await fixture.Leads.AddToDncAsync(globalDnc.Phone, "", "test");
        await fixture.Leads.AddToDncAsync(campaignDnc.Phone, campaign, "test");
        Assert.Equal([fine.Id], (await Hopper.ClaimAsync(campaign, [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc)).Select(c => c.LeadId));
        await Hopper.ReleaseAllAsync(campaign);
        // Another campaign may still call the number only its sister campaign was told not to.
        Assert.Equal([campaignDnc.Id, fine.Id], (await Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc)).Select(c => c.LeadId));
    }

    [Fact]
    public async Task Claim_ConcurrentCampaignsOnOneList_NeverShareALead()
    {
        var list = await fixture.Leads.CreateListAsync("shared", "US");
        for (var i = 0; i < 60; i++) await AddLeadAsync(list.Id);
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Hopper.ClaimAsync(Campaign(), [list.Id], Daytime, 3, 15, TuesdayAfternoonUtc)));
        var all = claims.SelectMany(c => c.Select(e => e.LeadId)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(60, all.Count);
    }

    [Fact]
    public async Task ReleaseAll_ReturnsQueuedLeadsToNew()
    {
        var list = await fixture.Leads.CreateListAsync("release", "US");
        var lead = await AddLeadAsync(list.Id);
        var campaign = Campaign();
        Assert.Single(await Hopper.ClaimAsync(campaign, [list.Id], Daytime, 3, 10, TuesdayAfternoonUtc));
        Assert.Equal(1, await Hopper.ReleaseAllAsync(campaign));
        Assert.Equal(LeadStatus.New, (await fixture.Leads.GetAsync(lead.Id))!.Status);
    }

    [Fact]
    public async Task AnyRemaining_AgreesWithTheCount()
    {
        var list = await fixture.Leads.CreateListAsync("remaining", "US");
        var lead = await AddLeadAsync(list.Id);
        Assert.True(await Hopper.AnyRemainingAsync([list.Id]));
        Assert.Equal((1L, 1L), await Hopper.CountAsync([list.Id]));
        await SetAsync(lead.Id, "status = 'Done'");
        Assert.False(await Hopper.AnyRemainingAsync([list.Id]));
        Assert.Equal((1L, 0L), await Hopper.CountAsync([list.Id]));
        Assert.False(await Hopper.AnyRemainingAsync([]));
    }

    [Fact]
    public async Task NextCallable_IsTheEarliestOfDueRetriesAndOpeningWindowsInTheLeadsZones()
    {
        // 14:00 UTC Tuesday: 06:00 in Los Angeles (opens 16:00 UTC), 09:00 in New York.
        var list = await fixture.Leads.CreateListAsync("next callable", "US");
        Assert.Null(await Hopper.NextCallableAsync(Campaign(), [list.Id], Daytime, 3, TuesdayAfternoonUtc));

        await AddLeadAsync(list.Id, "America/Los_Angeles");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), await Hopper.NextCallableAsync(Campaign(), [list.Id], Daytime, 3, TuesdayAfternoonUtc));

        var retry = await AddLeadAsync(list.Id, "America/New_York");
        await SetAsync(retry.Id, "attempts = 1, next_callable_at = $2", TuesdayAfternoonUtc.AddMinutes(25));
        Assert.Equal(TuesdayAfternoonUtc.AddMinutes(25), await Hopper.NextCallableAsync(Campaign(), [list.Id], Daytime, 3, TuesdayAfternoonUtc));

        // Out of attempts, on the DNC list, finished: none of them will become callable.
        await SetAsync(retry.Id, "attempts = 3");
        var campaign = Campaign();
        var dnc = await AddLeadAsync(list.Id, "America/New_York");
        await fixture.Leads.AddToDncAsync(dnc.Phone, campaign, "test");
        var done = await AddLeadAsync(list.Id, "America/Chicago");
        await SetAsync(done.Id, "status = 'Done'");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), await Hopper.NextCallableAsync(campaign, [list.Id], Daytime, 3, TuesdayAfternoonUtc));

        // A callback set for the evening in New York waits for the next morning there.
        var callback = await AddLeadAsync(list.Id, "America/New_York");
        await SetAsync(callback.Id, "status = 'Callback', next_callable_at = $2", new DateTimeOffset(2026, 11, 25, 2, 30, 0, TimeSpan.Zero));
        var lateNight = new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero); // 01:00 New York, 22:00 Los Angeles
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero), await Hopper.NextCallableAsync(campaign, [list.Id], Daytime, 3, lateNight));
    }

    [Theory]
    [InlineData("2026-11-24T14:00:00Z", "America/New_York", "2026-11-24T14:00:00Z")] // 09:00: open now
    [InlineData("2026-11-24T14:00:00Z", "America/Los_Angeles", "2026-11-24T16:00:00Z")] // 06:00: opens at 08:00
    [InlineData("2026-11-25T02:30:00Z", "America/New_York", "2026-11-25T13:00:00Z")] // 21:30: next morning
    [InlineData("2026-11-28T22:00:00Z", "UTC", "2026-11-30T08:00:00Z")] // Saturday night: Sunday is closed
    [InlineData("2026-03-08T06:00:00Z", "America/New_York", "2026-03-09T12:00:00Z")] // the Sunday the clocks go forward: Monday 08:00 EDT, not EST
    public void CallingWindow_NextOpening(string fromUtc, string zone, string expectedUtc)
    {
        var window = Daytime with { Weekdays = [new WeekdayWindow(DayOfWeek.Sunday, Closed: true)] };
        var from = DateTimeOffset.Parse(fromUtc, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, window.NextOpening(from, TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    [Fact]
    public void CallingWindow_NextOpening_InsideTheSpringForwardGap_IsWhenTheClocksHaveJumped()
    {
        // 02:30 does not exist in New York on 2026-03-08: at 02:00 EST the clocks read 03:00 EDT (07:00 UTC).
        var night = new CallingWindow { Start = "02:30", End = "05:00" };
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), night.NextOpening(new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero), zone));
    }

    [Fact]
    public void CallingWindow_NextOpening_IsNullWhenEveryDayIsClosed()
    {
        var closed = Daytime with { Weekdays = Enum.GetValues<DayOfWeek>().Select(d => new WeekdayWindow(d, Closed: true)).ToList() };
        Assert.Null(closed.NextOpening(TuesdayAfternoonUtc, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2026-11-24T09:00:00", true)]
    [InlineData("2026-11-24T07:59:00", false)]
    [InlineData("2026-11-24T21:00:00", false)]
    [InlineData("2026-11-29T12:00:00", false)]
    public void CallingWindow_Allows_LocalTimesInsideHours(string local, bool allowed)
    {
        var window = Daytime with { Weekdays = [new WeekdayWindow(DayOfWeek.Sunday, Closed: true)] };
        Assert.Equal(allowed, window.Allows(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
