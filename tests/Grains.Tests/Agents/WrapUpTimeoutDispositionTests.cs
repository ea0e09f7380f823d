using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Agents;

/// <summary>Which disposition a wrap-up the agent lets run out records: the one the campaign's set flags for it.</summary>
[Collection(GrainsCollection.Name)]
public sealed class WrapUpTimeoutDispositionTests(GrainsCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    /// <summary>Runs one preview call whose wrap-up times out after a second; returns the lead and the call as they end.</summary>
    private async Task<(Lead Lead, CallSnapshot Call)> TimeOutAWrapUpAsync(List<Disposition> dispositions)
    {
        var (list, _) = await fixture.CreateListAsync(1);
        var campaign = await TestData.CreateCampaignAsync(Grains, DialerType.Preview, lists: [list.Id]);
        var definition = (await campaign.GetAsync()).Definition;
        await campaign.UpdateAsync(definition with { Dispositions = dispositions, WrapUpTimeoutSeconds = 1 });
        var agent = await TestData.CreateAgentAsync(Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await campaign.StartAsync();
        await agent.ReadyAsync();
        long? leadId = null;
        await TestData.WaitUntilAsync(async () => (leadId = await campaign.GetPreviewAsync(agent.GetPrimaryKeyString())) is not null, "a lead in preview");
        var callId = await campaign.DialPreviewAsync(agent.GetPrimaryKeyString());
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "agent in WrapUp");
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.Ready, "the wrap-up times out", 10000);
        var lead = await Grains.GetGrain<ILeadGrain>(leadId!.Value).GetAsync();
        var call = await Grains.GetGrain<ICallGrain>(callId).GetAsync();
        await campaign.StopAsync();
        return (lead, call);
    }

    [Fact]
    public async Task WrapUpTimeout_CustomSetFlaggingTimedOut_RecordsTimedOut()
    {
        var (lead, call) = await TimeOutAWrapUpAsync(
        [
            new("Sale", Final: true),
            new("Timed Out", Final: true, WrapUpTimeout: true),
        ]);
        Assert.Equal("Timed Out", lead.Disposition);
        Assert.Equal(LeadStatus.Done, lead.Status);
        Assert.Equal("Timed Out", call.Disposition);
    }

    [Fact]
    public async Task WrapUpTimeout_SetFlaggingNone_RecordsNoDispositionAsARetry()
    {
        var (lead, _) = await TimeOutAWrapUpAsync([new("Sale", Final: true), new("Busy", Retry: true)]);
        Assert.Equal(DispositionSet.WrapUpTimeoutDefault, lead.Disposition);
        Assert.Equal(LeadStatus.New, lead.Status);
    }

    [Fact]
    public void Defaults_HaveOneWrapUpTimeoutDisposition_NoDispositionAsARetry()
    {
        var flagged = Assert.Single(DispositionSet.CreateDefaults(), d => d.WrapUpTimeout);
        Assert.Equal(new Disposition(DispositionSet.WrapUpTimeoutDefault, Retry: true, WrapUpTimeout: true), flagged);
        Assert.Empty(DispositionSet.Validate(DispositionSet.CreateDefaults()));
    }

    [Fact]
    public void ForWrapUpTimeout_PrefersTheFlag_ThenNoDispositionByName_ThenAStandInRetry()
    {
        Assert.Equal("Timed Out", DispositionSet.ForWrapUpTimeout([new("No Disposition", Final: true), new("Timed Out", WrapUpTimeout: true)]).Name);
        // A set saved before the flag that has its own "No Disposition" keeps using it, as before.
        Assert.Equal(new Disposition("no disposition", Final: true), DispositionSet.ForWrapUpTimeout([new("Sale"), new("no disposition", Final: true)]));
        Assert.Equal(new Disposition(DispositionSet.WrapUpTimeoutDefault, Retry: true), DispositionSet.ForWrapUpTimeout([new("Sale", Final: true)]));
    }

    [Fact]
    public void Validate_TwoFlagsOrAFlaggedCallback_AreRefused()
    {
        var two = DispositionSet.Validate([new("A", WrapUpTimeout: true), new("B", WrapUpTimeout: true)]).ToList();
        Assert.Equal("dispositions", Assert.Single(two).Field);
        Assert.Contains("At most one", two[0].Message);
        var callback = Assert.Single(DispositionSet.Validate([new("Later", SchedulesCallback: true, WrapUpTimeout: true)]));
        Assert.Contains("callback", callback.Message);
        Assert.Empty(DispositionSet.Validate([new("Sale", Final: true)]));
        Assert.Empty(DispositionSet.Validate(null));
    }
}
