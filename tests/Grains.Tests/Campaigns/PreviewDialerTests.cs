using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Campaigns;

[Collection(GrainsCollection.Name)]
public sealed class PreviewDialerTests(GrainsCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(ICampaignGrain Campaign, IAgentGrain Agent, IReadOnlyList<Lead> Leads)> RunningPreviewAsync(int leads, int? wrapUpTimeout = null, int previewTimeout = 120)
    {
        var (list, created) = await fixture.CreateListAsync(leads);
        var campaign = await TestData.CreateCampaignAsync(Grains, DialerType.Preview, lists: [list.Id]);
        var definition = (await campaign.GetAsync()).Definition;
        await campaign.UpdateAsync(definition with { WrapUpTimeoutSeconds = wrapUpTimeout, PreviewTimeoutSeconds = previewTimeout });
        var agent = await TestData.CreateAgentAsync(Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await campaign.StartAsync();
        await agent.ReadyAsync();
        return (campaign, agent, created);
    }

    private async Task<long> WaitForPreviewAsync(ICampaignGrain campaign, IAgentGrain agent)
    {
        long? leadId = null;
        await TestData.WaitUntilAsync(async () => (leadId = await campaign.GetPreviewAsync(agent.GetPrimaryKeyString())) is not null, "a lead in preview");
        return leadId!.Value;
    }

    [Fact]
    public async Task Preview_ReadyAgent_SeesLead_Dials_WrapsUp_AndSeesNext()
    {
        var (campaign, agent, leads) = await RunningPreviewAsync(2);
        var agentId = agent.GetPrimaryKeyString();
        var first = await WaitForPreviewAsync(campaign, agent);
        Assert.Equal(leads[0].Id, first);
        Assert.Equal(LeadStatus.Queued, (await Grains.GetGrain<ILeadGrain>(first).GetAsync()).Status);

        var callId = await campaign.DialPreviewAsync(agentId);
        var call = Grains.GetGrain<ICallGrain>(callId);
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "agent in WrapUp after the call");
        Assert.Equal(CallStatus.Completed, (await call.GetAsync()).Status);
        await agent.CompleteWrapUpAsync(new WrapUpRequest("Sale", "ok"));

        var second = await WaitForPreviewAsync(campaign, agent);
        Assert.Equal(leads[1].Id, second);
        await campaign.StopAsync();
        Assert.Equal(LeadStatus.New, (await Grains.GetGrain<ILeadGrain>(second).GetAsync()).Status);
    }

    [Fact]
    public async Task Skip_WithCallbackTime_MakesLeadAPersonalCallback()
    {
        var (campaign, agent, _) = await RunningPreviewAsync(2);
        var agentId = agent.GetPrimaryKeyString();
        var first = await WaitForPreviewAsync(campaign, agent);
        await Assert.ThrowsAsync<ValidationFailedException>(() => campaign.SkipPreviewAsync(agentId, "later", DateTimeOffset.UtcNow.AddMinutes(-1)));
        await campaign.SkipPreviewAsync(agentId, "asked to call tomorrow", DateTimeOffset.UtcNow.AddDays(1));
        var lead = await Grains.GetGrain<ILeadGrain>(first).GetAsync();
        Assert.Equal(LeadStatus.Callback, lead.Status);
        Assert.Equal(agentId, lead.CallbackAgentId);
        var next = await WaitForPreviewAsync(campaign, agent);
        Assert.NotEqual(first, next);
        await campaign.StopAsync();
    }

    [Fact]
    public async Task Preview_NotTakenInTime_ReturnsToHopper()
    {
        var (campaign, agent, _) = await RunningPreviewAsync(2, previewTimeout: 5);
        var first = await WaitForPreviewAsync(campaign, agent);
        await TestData.WaitUntilAsync(async () => await campaign.GetPreviewAsync(agent.GetPrimaryKeyString()) != first, "the preview times out and the next lead shows", 15000);
        await campaign.StopAsync();
    }

    [Fact]
    public async Task WrapUp_Timeout_AppliesDefaultDispositionAndReturnsToReady()
    {
        var (campaign, agent, _) = await RunningPreviewAsync(1, wrapUpTimeout: 1);
        var first = await WaitForPreviewAsync(campaign, agent);
        await campaign.DialPreviewAsync(agent.GetPrimaryKeyString());
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "agent in WrapUp");
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.Ready, "wrap-up times out", 10000);
        var lead = await Grains.GetGrain<ILeadGrain>(first).GetAsync();
        Assert.Equal(DispositionSet.WrapUpTimeoutDefault, lead.Disposition);
        await campaign.StopAsync();
    }

    [Fact]
    public async Task DialPreview_OnAutoCampaign_IsRefused()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains, DialerType.Auto);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => campaign.GetPreviewAsync("anyone"));
    }
}
