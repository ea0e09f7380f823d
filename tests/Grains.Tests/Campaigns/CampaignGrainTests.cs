using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Campaigns;

[Collection(GrainsCollection.Name)]
public sealed class CampaignGrainTests(GrainsCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<ICampaignGrain> CampaignInAsync(CampaignStatus status)
    {
        // One lead and no agents: a running Auto campaign stays Running; an empty list completes at once.
        var (list, _) = await fixture.CreateListAsync(status == CampaignStatus.Completed ? 0 : 1);
        var campaign = await TestData.CreateCampaignAsync(Grains, lists: [list.Id]);
        if (status == CampaignStatus.Draft) return campaign;
        await campaign.StartAsync();
        if (status == CampaignStatus.Running) return campaign;
        if (status == CampaignStatus.Paused) { await campaign.PauseAsync(); return campaign; }
        if (status == CampaignStatus.Stopped) { await campaign.StopAsync(); return campaign; }
        // An empty list has nothing to dial: the pacing turn completes the campaign.
        await TestData.WaitUntilAsync(async () => (await campaign.GetAsync()).Status == CampaignStatus.Completed, "campaign completes");
        return campaign;
    }

    [Fact]
    public async Task Create_IsDraftWithDefaults()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains);
        var snapshot = await campaign.GetAsync();
        Assert.Equal(CampaignStatus.Draft, snapshot.Status);
        Assert.Equal(9, snapshot.Definition.Dispositions.Count);
        Assert.Equal(3, snapshot.Definition.Retry.MaxAttempts);
        Assert.Contains(await Grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Campaigns).ListAsync(), e => e.Id == snapshot.Id);
    }

    [Fact]
    public async Task Create_InvalidDefinition_ListsEveryBadField()
    {
        var campaign = Grains.GetGrain<ICampaignGrain>(TestData.NewId("campaign"));
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => campaign.CreateAsync(new CampaignDefinition
        {
            Name = "",
            CallerId = "not a number",
            CallingWindow = new CallingWindow { Start = "21:00", End = "08:00" },
            Retry = new RetryPolicy { MaxAttempts = 0 },
            RingTimeoutSeconds = 1,
        }));
        Assert.Contains("name", ex.Errors.Keys);
        Assert.Contains("callerId", ex.Errors.Keys);
        Assert.Contains("callingWindow.end", ex.Errors.Keys);
        Assert.Contains("retry.maxAttempts", ex.Errors.Keys);
        Assert.Contains("ringTimeoutSeconds", ex.Errors.Keys);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => campaign.GetAsync());
    }

    [Fact]
    public async Task Start_WithoutLists_FailsValidation()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains);
        await Assert.ThrowsAsync<ValidationFailedException>(() => campaign.StartAsync());
    }

    [Fact]
    public async Task Lifecycle_LegalPath_RunningPausedRunningStopped()
    {
        var campaign = await CampaignInAsync(CampaignStatus.Draft);
        Assert.Equal(CampaignStatus.Running, (await campaign.StartAsync()).Status);
        Assert.Equal(CampaignStatus.Paused, (await campaign.PauseAsync()).Status);
        Assert.Equal(CampaignStatus.Running, (await campaign.ResumeAsync()).Status);
        Assert.Equal(CampaignStatus.Stopped, (await campaign.StopAsync()).Status);
        Assert.Equal(CampaignStatus.Running, (await campaign.StartAsync()).Status);
    }

    [Fact]
    public async Task Running_WithNothingLeft_Completes()
    {
        var campaign = await CampaignInAsync(CampaignStatus.Completed);
        Assert.Equal(CampaignStatus.Completed, (await campaign.GetAsync()).Status);
    }

    public static TheoryData<CampaignStatus, string> IllegalTransitions => new()
    {
        { CampaignStatus.Draft, "pause" }, { CampaignStatus.Draft, "resume" }, { CampaignStatus.Draft, "stop" },
        { CampaignStatus.Running, "start" }, { CampaignStatus.Running, "resume" }, { CampaignStatus.Running, "delete" },
        { CampaignStatus.Paused, "start" }, { CampaignStatus.Paused, "pause" }, { CampaignStatus.Paused, "delete" },
        { CampaignStatus.Stopped, "pause" }, { CampaignStatus.Stopped, "resume" }, { CampaignStatus.Stopped, "stop" },
        { CampaignStatus.Completed, "pause" }, { CampaignStatus.Completed, "resume" }, { CampaignStatus.Completed, "stop" },
    };

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public async Task Transition_NotAllowedFromState_IsRefused(CampaignStatus from, string action)
    {
        var campaign = await CampaignInAsync(from);
        Task act = action switch
        {
            "start" => campaign.StartAsync(),
            "pause" => campaign.PauseAsync(),
            "resume" => campaign.ResumeAsync(),
            "stop" => campaign.StopAsync(),
            "delete" => campaign.DeleteAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        await Assert.ThrowsAsync<InvalidTransitionException>(() => act);
        Assert.Equal(from, (await campaign.GetAsync()).Status);
    }

    [Fact]
    public async Task Update_DialerTypeOfRunningCampaign_IsRefused()
    {
        var campaign = await CampaignInAsync(CampaignStatus.Running);
        var definition = (await campaign.GetAsync()).Definition;
        await Assert.ThrowsAsync<InvalidTransitionException>(() => campaign.UpdateAsync(definition with { DialerType = DialerType.Preview }));
        var renamed = await campaign.UpdateAsync(definition with { Name = "Renamed" });
        Assert.Equal("Renamed", renamed.Definition.Name);
        await campaign.StopAsync();
    }

    [Fact]
    public async Task AttachList_AndAssignAgents_AreKeptInOrder()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains);
        await campaign.AttachListAsync(7);
        await campaign.AttachListAsync(3);
        await campaign.AttachListAsync(7);
        var snapshot = await campaign.AssignAgentsAsync(["a1", "a2"]);
        Assert.Equal([7L, 3L], snapshot.Definition.ListIds);
        Assert.Equal(["a1", "a2"], snapshot.Definition.AgentIds);
    }

    [Fact]
    public async Task Delete_Draft_RemovesIt()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains);
        await campaign.DeleteAsync();
        await Assert.ThrowsAsync<EntityNotFoundException>(() => campaign.GetAsync());
    }
}
