using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;

namespace ContactCenter.Grains.Tests.Leads;

[Collection(GrainsCollection.Name)]
public sealed class LeadGrainTests(GrainsCluster fixture)
{
    private static readonly RetryPolicy Policy = new() { MaxAttempts = 2 };

    private async Task<ILeadGrain> NewLeadAsync()
    {
        var (_, leads) = await fixture.CreateListAsync(1);
        return fixture.Grains.GetGrain<ILeadGrain>(leads[0].Id);
    }

    [Fact]
    public async Task BeginDial_Twice_SecondIsRefused()
    {
        var lead = await NewLeadAsync();
        var dialing = await lead.BeginDialAsync("call-1", "c");
        Assert.Equal(LeadStatus.Dialing, dialing.Status);
        Assert.Equal(1, dialing.Attempts);
        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => lead.BeginDialAsync("call-2", "c"));
        Assert.Contains("Dialing", ex.Message);
    }

    [Fact]
    public async Task BeginDial_ConcurrentFromManyCallers_ExactlyOneWins()
    {
        var lead = await NewLeadAsync();
        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try { await lead.BeginDialAsync($"call-{i}", "c"); return true; }
            catch (InvalidTransitionException) { return false; }
        });
        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(won => won));
    }

    [Fact]
    public async Task BeginDial_SamePhoneInAnotherList_IsRefusedWhileLive()
    {
        var phone = GrainsCluster.NextPhone();
        var listA = await fixture.Leads.CreateListAsync("a", "US");
        var listB = await fixture.Leads.CreateListAsync("b", "US");
        var a = await fixture.Leads.InsertAsync(new NewLead { ListId = listA.Id, Phone = phone }, phone, timeZone: null);
        var b = await fixture.Leads.InsertAsync(new NewLead { ListId = listB.Id, Phone = phone }, phone, timeZone: null);
        await fixture.Grains.GetGrain<ILeadGrain>(a.Id).BeginDialAsync("call-a", "c");
        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => fixture.Grains.GetGrain<ILeadGrain>(b.Id).BeginDialAsync("call-b", "c"));
        Assert.Contains("same phone number", ex.Message);
    }

    [Fact]
    public async Task BeginDial_NumberOnDnc_IsRefusedAndMarkedDoNotCall()
    {
        var lead = await NewLeadAsync();
        var phone = (await lead.GetAsync()).Phone;
        // Straight into the table: adding through the store would mark the lead before the dial tries it.
        await using (var cmd = fixture.Database.CreateCommand("INSERT INTO dnc_numbers (phone, campaign_id, reason) VALUES ($1, '', 'test')"))
        {
            cmd.Parameters.Add(new() { Value = phone });
            await cmd.ExecuteNonQueryAsync();
        }
        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => lead.BeginDialAsync("call-1", "c"));
        Assert.Contains("do-not-call", ex.Message);
        Assert.Equal(LeadStatus.DoNotCall, (await lead.GetAsync()).Status);
    }

    [Theory]
    [InlineData(CallOutcome.Busy, 10)]
    [InlineData(CallOutcome.NoAnswer, 60)]
    [InlineData(CallOutcome.Voicemail, 240)]
    [InlineData(CallOutcome.CarrierError, 5)]
    public async Task RecordAttempt_RetryableOutcome_IsNewAfterTheOutcomesDelay(CallOutcome outcome, int minutes)
    {
        var lead = await NewLeadAsync();
        await lead.BeginDialAsync("call-1", "c");
        var before = DateTimeOffset.UtcNow;
        var after = await lead.RecordAttemptAsync("call-1", outcome, Policy);
        Assert.Equal(LeadStatus.New, after.Status);
        Assert.Equal(outcome.ToString(), after.LastOutcome);
        Assert.InRange(after.NextCallableAt!.Value, before.AddMinutes(minutes).AddSeconds(-5), before.AddMinutes(minutes).AddSeconds(30));
    }

    [Fact]
    public async Task RecordAttempt_OutOfAttempts_IsDone()
    {
        var lead = await NewLeadAsync();
        await lead.BeginDialAsync("call-1", "c");
        await lead.RecordAttemptAsync("call-1", CallOutcome.Busy, Policy);
        await fixture.Leads.TransitionAsync((await lead.GetAsync()).Id, LeadStatus.New, new LeadTransition(LeadStatus.New));
        await lead.BeginDialAsync("call-2", "c");
        var done = await lead.RecordAttemptAsync("call-2", CallOutcome.Busy, Policy);
        Assert.Equal(LeadStatus.Done, done.Status);
        Assert.Equal(2, done.Attempts);
    }

    [Theory]
    [InlineData(CallOutcome.InvalidNumber)]
    [InlineData(CallOutcome.Rejected)]
    public async Task RecordAttempt_UndialableOutcome_IsDone(CallOutcome outcome)
    {
        var lead = await NewLeadAsync();
        await lead.BeginDialAsync("call-1", "c");
        Assert.Equal(LeadStatus.Done, (await lead.RecordAttemptAsync("call-1", outcome, Policy)).Status);
    }

    [Fact]
    public async Task RecordAttempt_ForAnotherCall_IsRefused()
    {
        var lead = await NewLeadAsync();
        await lead.BeginDialAsync("call-1", "c");
        await Assert.ThrowsAsync<InvalidTransitionException>(() => lead.RecordAttemptAsync("call-x", CallOutcome.Busy, Policy));
    }

    private async Task<ILeadGrain> ContactedLeadAsync()
    {
        var lead = await NewLeadAsync();
        await lead.BeginDialAsync("call-1", "c");
        await lead.RecordAttemptAsync("call-1", CallOutcome.Answered, Policy);
        return lead;
    }

    [Fact]
    public async Task ApplyDisposition_Final_IsDoneWithNotesAndTags()
    {
        var lead = await ContactedLeadAsync();
        var done = await lead.ApplyDispositionAsync(new Disposition("Sale", Final: true), new WrapUpRequest("Sale", "bought plan B", ["vip"]), "agent-1", Policy);
        Assert.Equal(LeadStatus.Done, done.Status);
        Assert.Equal("Sale", done.Disposition);
        Assert.Equal("bought plan B", done.Notes);
        Assert.Contains("vip", done.Tags);
    }

    [Fact]
    public async Task ApplyDisposition_Callback_NeedsFutureTimeAndKeepsAgent()
    {
        var lead = await ContactedLeadAsync();
        var callback = new Disposition("Callback", SchedulesCallback: true);
        await Assert.ThrowsAsync<ValidationFailedException>(() => lead.ApplyDispositionAsync(callback, new WrapUpRequest("Callback"), "agent-1", Policy));
        var at = DateTimeOffset.UtcNow.AddHours(2);
        var scheduled = await lead.ApplyDispositionAsync(callback, new WrapUpRequest("Callback", CallbackAt: at, PersonalCallback: true), "agent-1", Policy);
        Assert.Equal(LeadStatus.Callback, scheduled.Status);
        Assert.Equal("agent-1", scheduled.CallbackAgentId);
        Assert.InRange(scheduled.NextCallableAt!.Value, at.AddMilliseconds(-1), at.AddMilliseconds(1));
    }

    [Fact]
    public async Task ApplyDisposition_DoNotCall_AddsNumberToDnc()
    {
        var lead = await ContactedLeadAsync();
        var dnc = await lead.ApplyDispositionAsync(new Disposition("Do Not Call", Final: true, AddsToDnc: true), new WrapUpRequest("Do Not Call"), null, Policy);
        Assert.Equal(LeadStatus.DoNotCall, dnc.Status);
        await using var cmd = fixture.Database.CreateCommand("SELECT count(*) FROM dnc_numbers WHERE phone = $1");
        cmd.Parameters.Add(new() { Value = dnc.Phone });
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ApplyDisposition_Retry_IsNewAgain()
    {
        var lead = await ContactedLeadAsync();
        var retry = await lead.ApplyDispositionAsync(new Disposition("No Answer", Retry: true), new WrapUpRequest("No Answer"), null, Policy);
        Assert.Equal(LeadStatus.New, retry.Status);
        Assert.NotNull(retry.NextCallableAt);
    }

    [Fact]
    public async Task ApplyDisposition_NotContacted_IsRefused()
    {
        var lead = await NewLeadAsync();
        await Assert.ThrowsAsync<InvalidTransitionException>(() => lead.ApplyDispositionAsync(new Disposition("Sale", Final: true), new WrapUpRequest("Sale"), null, Policy));
    }

    [Fact]
    public async Task Get_UnknownLead_IsNotFound()
    {
        await Assert.ThrowsAsync<EntityNotFoundException>(() => fixture.Grains.GetGrain<ILeadGrain>(long.MaxValue - 5).GetAsync());
    }
}
