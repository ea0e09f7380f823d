using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Tests.Leads;

/// <summary>
/// What a DNC entry does to leads, by its scope: a campaign's entry bars that campaign only and never
/// changes the lead; a global one makes the number's waiting leads DoNotCall, by one rule on every path.
/// </summary>
[Collection(GrainsCollection.Name)]
public sealed class DncScopeTests(GrainsCluster fixture)
{
    // A Tuesday afternoon in UTC, inside the default calling window for the leads' UTC zone.
    private static readonly DateTimeOffset Afternoon = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);
    private static readonly CallingWindow Daytime = new() { Start = "08:00", End = "21:00" };

    private HopperStore Hopper => new(fixture.Database);

    private ILeadGrain Grain(Lead lead) => fixture.Grains.GetGrain<ILeadGrain>(lead.Id);

    private async Task<IReadOnlyList<long>> ClaimAsync(string campaignId, long listId) =>
        (await Hopper.ClaimAsync(campaignId, [listId], Daytime, 3, 10, Afternoon)).Select(c => c.LeadId).ToList();

    private async Task<(string Status, string? QueuedBy)> RowAsync(long leadId)
    {
        await using var cmd = fixture.Database.CreateCommand("SELECT status, queued_by FROM leads WHERE id = $1");
        cmd.Parameters.Add(new() { Value = leadId });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    /// <summary>An entry written straight to the table, as one that lands after a campaign claimed the lead looks to the dialer.</summary>
    private async Task InsertDncRowAsync(string phone, string campaignId)
    {
        await using var cmd = fixture.Database.CreateCommand("INSERT INTO dnc_numbers (phone, campaign_id, reason) VALUES ($1, $2, 'test')");
        cmd.Parameters.Add(new() { Value = phone });
        cmd.Parameters.Add(new() { Value = campaignId });
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<Lead> SameNumberInAnotherListAsync(Lead lead)
    {
        var other = await fixture.Leads.CreateListAsync("other " + TestData.NewId("l"), "US");
        return await fixture.Leads.InsertAsync(new NewLead { ListId = other.Id, Phone = lead.Phone }, lead.Phone, "UTC");
    }

    [Fact]
    public async Task CampaignDnc_CampaignANeverDials_CampaignBDoes_LeadIsNotDoNotCall()
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        var (a, b) = (TestData.NewId("camp-a"), TestData.NewId("camp-b"));
        await fixture.Leads.AddToDncAsync(lead.Phone, a, "asked campaign A only");
        Assert.Equal("New", (await RowAsync(lead.Id)).Status);

        // A's claims skip the number; so does a dial A attempts anyway (a lead it claimed before the entry came).
        Assert.Empty(await ClaimAsync(a, list.Id));
        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => Grain(lead).BeginDialAsync("call-a", a));
        Assert.Contains("campaign's do-not-call list", ex.Message);
        Assert.Equal(LeadStatus.New, (await Grain(lead).GetAsync()).Status);

        Assert.Equal([lead.Id], await ClaimAsync(b, list.Id));
        var dialing = await Grain(lead).BeginDialAsync("call-b", b);
        Assert.Equal(LeadStatus.Dialing, dialing.Status);
        Assert.Equal(1, dialing.Attempts);
    }

    [Fact]
    public async Task CampaignDnc_HitAtDialTime_ReturnsTheClaimedLeadToThePoolForOtherCampaigns()
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        var (a, b) = (TestData.NewId("camp-a"), TestData.NewId("camp-b"));
        Assert.Equal([lead.Id], await ClaimAsync(a, list.Id));
        // The entry lands while A holds the lead in its hopper.
        await InsertDncRowAsync(lead.Phone, a);

        await Assert.ThrowsAsync<InvalidTransitionException>(() => Grain(lead).BeginDialAsync("call-a", a));

        Assert.Equal(("New", (string?)null), await RowAsync(lead.Id));
        Assert.Empty(await ClaimAsync(a, list.Id));
        Assert.Equal([lead.Id], await ClaimAsync(b, list.Id));
        Assert.Equal(LeadStatus.Dialing, (await Grain(lead).BeginDialAsync("call-b", b)).Status);
    }

    [Fact]
    public async Task CampaignDnc_Removed_CampaignDialsTheLeadAgain()
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        var a = TestData.NewId("camp-a");
        await InsertDncRowAsync(lead.Phone, a);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => Grain(lead).BeginDialAsync("call-1", a));

        await using (var cmd = fixture.Database.CreateCommand("DELETE FROM dnc_numbers WHERE phone = $1 AND campaign_id = $2"))
        {
            cmd.Parameters.Add(new() { Value = lead.Phone });
            cmd.Parameters.Add(new() { Value = a });
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal([lead.Id], await ClaimAsync(a, list.Id));
        Assert.Equal(LeadStatus.Dialing, (await Grain(lead).BeginDialAsync("call-2", a)).Status);
    }

    [Fact]
    public async Task GlobalDnc_HitAtDialTime_MarksEveryWaitingLeadOfTheNumber()
    {
        var (_, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        var twin = await SameNumberInAnotherListAsync(lead);
        await InsertDncRowAsync(lead.Phone, "");

        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => Grain(lead).BeginDialAsync("call-1", TestData.NewId("camp")));

        Assert.Contains("global do-not-call list", ex.Message);
        Assert.Equal(LeadStatus.DoNotCall, (await Grain(lead).GetAsync()).Status);
        Assert.Equal(LeadStatus.DoNotCall, (await Grain(twin).GetAsync()).Status);
    }

    [Fact]
    public async Task GlobalDnc_Added_MarksNewQueuedAndCallbackLeads_NotFinishedOnesOrOnesOnACall()
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var phone = leads[0].Phone;
        async Task<Lead> WithStatusAsync(string status)
        {
            var lead = await SameNumberInAnotherListAsync(leads[0]);
            await using var cmd = fixture.Database.CreateCommand("UPDATE leads SET status = $2, queued_by = CASE WHEN $2 = 'Queued' THEN 'camp-x' END WHERE id = $1");
            cmd.Parameters.Add(new() { Value = lead.Id });
            cmd.Parameters.Add(new() { Value = status });
            await cmd.ExecuteNonQueryAsync();
            return lead;
        }
        var queued = await WithStatusAsync("Queued");
        var callback = await WithStatusAsync("Callback");
        var done = await WithStatusAsync("Done");
        var contacted = await WithStatusAsync("Contacted");

        await fixture.Leads.AddToDncAsync(phone, "", "complaint");

        Assert.Equal(("DoNotCall", (string?)null), await RowAsync(leads[0].Id));
        Assert.Equal(("DoNotCall", (string?)null), await RowAsync(queued.Id));
        Assert.Equal("DoNotCall", (await RowAsync(callback.Id)).Status);
        Assert.Equal("Done", (await RowAsync(done.Id)).Status);
        Assert.Equal("Contacted", (await RowAsync(contacted.Id)).Status);
        Assert.Empty(await ClaimAsync(TestData.NewId("camp"), list.Id));
    }

    [Fact]
    public async Task DoNotCallDisposition_MarksTheNumbersOtherWaitingLeads()
    {
        var (_, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        var twin = await SameNumberInAnotherListAsync(lead);
        var policy = new RetryPolicy { MaxAttempts = 2 };
        await Grain(lead).BeginDialAsync("call-1", "c");
        await Grain(lead).RecordAttemptAsync("call-1", CallOutcome.Answered, policy);

        await Grain(lead).ApplyDispositionAsync(new Disposition("Do Not Call", Final: true, AddsToDnc: true), new WrapUpRequest("Do Not Call"), null, policy);

        Assert.Equal(LeadStatus.DoNotCall, (await Grain(lead).GetAsync()).Status);
        Assert.Equal(LeadStatus.DoNotCall, (await Grain(twin).GetAsync()).Status);
    }

    [Fact]
    public async Task GlobalDnc_Removed_LeadsStayDoNotCall()
    {
        var (list, leads) = await fixture.CreateListAsync(1);
        var lead = leads[0];
        await fixture.Leads.AddToDncAsync(lead.Phone, "", "asked");
        await using (var cmd = fixture.Database.CreateCommand("DELETE FROM dnc_numbers WHERE phone = $1 AND campaign_id = ''"))
        {
            cmd.Parameters.Add(new() { Value = lead.Phone });
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.Equal(LeadStatus.DoNotCall, (await Grain(lead).GetAsync()).Status);
        Assert.Empty(await ClaimAsync(TestData.NewId("camp"), list.Id));
    }
}
