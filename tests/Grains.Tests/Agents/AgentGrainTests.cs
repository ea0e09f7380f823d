using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Common;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Agents;

[Collection(GrainsCollection.Name)]
public sealed class AgentGrainTests(GrainsCluster fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(IAgentGrain Agent, string CampaignId)> LoggedInAgentAsync()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains, ContactCenter.Grains.Campaigns.DialerType.Preview);
        var agent = await TestData.CreateAgentAsync(Grains);
        var campaignId = campaign.GetPrimaryKeyString();
        await agent.LoginAsync(campaignId);
        return (agent, campaignId);
    }

    /// <summary>Brings a fresh agent to <paramref name="status"/> along the legal path.</summary>
    private async Task<(IAgentGrain Agent, string CallId)> AgentInAsync(AgentStatus status)
    {
        var callId = TestData.NewId("call");
        if (status == AgentStatus.Offline) return (await TestData.CreateAgentAsync(Grains), callId);
        var (agent, _) = await LoggedInAgentAsync();
        if (status == AgentStatus.Paused) return (agent, callId);
        await agent.ReadyAsync();
        if (status == AgentStatus.Ready) return (agent, callId);
        await agent.ReserveAsync(callId);
        if (status == AgentStatus.Dialing) return (agent, callId);
        await agent.ConnectAsync(callId);
        if (status == AgentStatus.Connected) return (agent, callId);
        await agent.CallEndedAsync(callId);
        return (agent, callId);
    }

    [Fact]
    public async Task Create_NewAgent_IsOfflineAndListed()
    {
        var agent = await TestData.CreateAgentAsync(Grains, "Alice");
        var snapshot = await agent.GetAsync();
        Assert.Equal(AgentStatus.Offline, snapshot.Status);
        Assert.Equal("Alice", snapshot.Name);
        var listed = await Grains.GetGrain<IDirectoryGrain>(DirectoryGrain.Agents).ListAsync();
        Assert.Contains(listed, e => e.Id == snapshot.Id);
    }

    [Fact]
    public async Task Create_Twice_IsRefused()
    {
        var agent = await TestData.CreateAgentAsync(Grains);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => agent.CreateAsync(new AgentProfile("Again")));
    }

    [Fact]
    public async Task Create_WithoutName_FailsValidation()
    {
        var agent = Grains.GetGrain<IAgentGrain>(TestData.NewId("agent"));
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => agent.CreateAsync(new AgentProfile(" ", "http://x")));
        Assert.Contains("name", ex.Errors.Keys);
        Assert.Contains("sipUri", ex.Errors.Keys);
    }

    [Fact]
    public async Task Get_UnknownAgent_IsNotFound()
    {
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Grains.GetGrain<IAgentGrain>(TestData.NewId("ghost")).GetAsync());
    }

    [Fact]
    public async Task FullCycle_LegalPath_CountsTimeAndCalls()
    {
        var (agent, callId) = await AgentInAsync(AgentStatus.Connected);
        await Task.Delay(30);
        await agent.CallEndedAsync(callId);
        var wrap = await agent.GetAsync();
        Assert.Equal(AgentStatus.WrapUp, wrap.Status);
        Assert.Equal(1, wrap.Counters.CallsHandled);
        Assert.True(wrap.Counters.TalkTime > TimeSpan.Zero);
        await agent.PauseAsync("Break");
        var paused = await agent.GetAsync();
        Assert.Equal(AgentStatus.Paused, paused.Status);
        Assert.Equal("Break", paused.PauseReason);
        Assert.True(paused.Counters.WrapUpTime > TimeSpan.Zero);
        await agent.ReadyAsync();
        var loggedOut = await agent.LogoutAsync();
        Assert.Equal(AgentStatus.Offline, loggedOut.Status);
        Assert.Null(loggedOut.CampaignId);
        Assert.All(new[] { AgentStatus.Paused, AgentStatus.Ready, AgentStatus.Dialing, AgentStatus.Connected, AgentStatus.WrapUp },
            s => Assert.True(loggedOut.Counters.TimeInState.ContainsKey(s), $"time in {s} recorded"));
    }

    [Fact]
    public async Task Login_SetsPausedLoggedIn_AndCampaignSeesAgent()
    {
        var (agent, campaignId) = await LoggedInAgentAsync();
        var snapshot = await agent.GetAsync();
        Assert.Equal(AgentStatus.Paused, snapshot.Status);
        Assert.Equal("LoggedIn", snapshot.PauseReason);
        var stats = await Grains.GetGrain<ContactCenter.Grains.Campaigns.ICampaignGrain>(campaignId).GetStatsAsync();
        Assert.Equal(1, stats.AgentsByState[AgentStatus.Paused]);
    }

    [Fact]
    public async Task Login_UnknownCampaign_IsNotFound_AndAgentStaysOffline()
    {
        var agent = await TestData.CreateAgentAsync(Grains);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => agent.LoginAsync(TestData.NewId("nope")));
        Assert.Equal(AgentStatus.Offline, (await agent.GetAsync()).Status);
    }

    [Fact]
    public async Task Login_NotAssignedToCampaign_IsRefused()
    {
        var campaign = await TestData.CreateCampaignAsync(Grains, agents: ["someone-else"]);
        var agent = await TestData.CreateAgentAsync(Grains);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => agent.LoginAsync(campaign.GetPrimaryKeyString()));
    }

    public static TheoryData<AgentStatus, string> IllegalTransitions => new()
    {
        { AgentStatus.Offline, "ready" }, { AgentStatus.Offline, "pause" }, { AgentStatus.Offline, "logout" }, { AgentStatus.Offline, "reserve" },
        { AgentStatus.Offline, "connect" }, { AgentStatus.Offline, "end" }, { AgentStatus.Offline, "wrapup" },
        { AgentStatus.Paused, "login" }, { AgentStatus.Paused, "reserve" }, { AgentStatus.Paused, "connect" }, { AgentStatus.Paused, "end" }, { AgentStatus.Paused, "wrapup" },
        { AgentStatus.Ready, "login" }, { AgentStatus.Ready, "ready" }, { AgentStatus.Ready, "connect" }, { AgentStatus.Ready, "end" }, { AgentStatus.Ready, "wrapup" }, { AgentStatus.Ready, "release" },
        { AgentStatus.Dialing, "login" }, { AgentStatus.Dialing, "ready" }, { AgentStatus.Dialing, "pause" }, { AgentStatus.Dialing, "logout" }, { AgentStatus.Dialing, "reserve" }, { AgentStatus.Dialing, "end" }, { AgentStatus.Dialing, "wrapup" }, { AgentStatus.Dialing, "delete" },
        { AgentStatus.Connected, "login" }, { AgentStatus.Connected, "ready" }, { AgentStatus.Connected, "pause" }, { AgentStatus.Connected, "logout" }, { AgentStatus.Connected, "reserve" }, { AgentStatus.Connected, "connect" }, { AgentStatus.Connected, "wrapup" }, { AgentStatus.Connected, "release" },
        { AgentStatus.WrapUp, "login" }, { AgentStatus.WrapUp, "ready" }, { AgentStatus.WrapUp, "reserve" }, { AgentStatus.WrapUp, "connect" }, { AgentStatus.WrapUp, "end" }, { AgentStatus.WrapUp, "delete" },
    };

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public async Task Transition_NotAllowedFromState_IsRefusedAndStateKept(AgentStatus from, string action)
    {
        var (agent, callId) = await AgentInAsync(from);
        var before = await agent.GetAsync();
        Task act = action switch
        {
            "login" => agent.LoginAsync(before.CampaignId ?? "any"),
            "ready" => agent.ReadyAsync(),
            "pause" => agent.PauseAsync("Lunch"),
            "logout" => agent.LogoutAsync(),
            "reserve" => agent.ReserveAsync("other-call"),
            "connect" => agent.ConnectAsync(callId),
            "end" => agent.CallEndedAsync(callId),
            "wrapup" => agent.CompleteWrapUpAsync(new WrapUpRequest("Sale")),
            "release" => agent.ReleaseAsync(callId),
            "delete" => agent.DeleteAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        var ex = await Assert.ThrowsAnyAsync<DomainException>(() => act);
        Assert.IsType<InvalidTransitionException>(ex);
        Assert.Equal(from, (await agent.GetAsync()).Status);
    }

    [Theory]
    [InlineData(AgentStatus.Ready)]
    [InlineData(AgentStatus.WrapUp)]
    [InlineData(AgentStatus.Paused)]
    public async Task Pause_FromIdleState_IsPausedWithReason(AgentStatus from)
    {
        var (agent, _) = await AgentInAsync(from);
        var snapshot = await agent.PauseAsync("Training");
        Assert.Equal(AgentStatus.Paused, snapshot.Status);
        Assert.Equal("Training", snapshot.PauseReason);
    }

    [Fact]
    public async Task Pause_WithoutReason_FailsValidation()
    {
        var (agent, _) = await AgentInAsync(AgentStatus.Ready);
        await Assert.ThrowsAsync<ValidationFailedException>(() => agent.PauseAsync(""));
    }

    [Theory]
    [InlineData(AgentStatus.Paused)]
    [InlineData(AgentStatus.Ready)]
    [InlineData(AgentStatus.WrapUp)]
    public async Task Logout_FromIdleState_IsOffline(AgentStatus from)
    {
        var (agent, _) = await AgentInAsync(from);
        Assert.Equal(AgentStatus.Offline, (await agent.LogoutAsync()).Status);
    }

    [Fact]
    public async Task Release_FromDialing_IsReady()
    {
        var (agent, callId) = await AgentInAsync(AgentStatus.Dialing);
        await agent.ReleaseAsync(callId);
        Assert.Equal(AgentStatus.Ready, (await agent.GetAsync()).Status);
    }

    [Fact]
    public async Task Reassign_KeepsDialing_OnNewCall()
    {
        var (agent, callId) = await AgentInAsync(AgentStatus.Dialing);
        await agent.ReassignAsync(callId, "next-call");
        var snapshot = await agent.GetAsync();
        Assert.Equal(AgentStatus.Dialing, snapshot.Status);
        Assert.Equal("next-call", snapshot.CurrentCallId);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => agent.ConnectAsync(callId));
    }

    [Fact]
    public async Task Connect_WrongCall_IsRefused()
    {
        var (agent, _) = await AgentInAsync(AgentStatus.Dialing);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => agent.ConnectAsync("somebody-elses-call"));
    }

    [Fact]
    public async Task Delete_Offline_RemovesAgent()
    {
        var agent = await TestData.CreateAgentAsync(Grains);
        await agent.DeleteAsync();
        await Assert.ThrowsAsync<EntityNotFoundException>(() => agent.GetAsync());
    }

    [Fact]
    public async Task Update_ChangesProfile()
    {
        var agent = await TestData.CreateAgentAsync(Grains);
        var updated = await agent.UpdateAsync(new AgentProfile("Bob", "sip:1001@127.0.0.1"));
        Assert.Equal("Bob", updated.Name);
        Assert.Equal("sip:1001@127.0.0.1", updated.SipUri);
    }
    [Theory]
    [InlineData(AgentStatus.Ready, AgentStatus.Paused)]
    [InlineData(AgentStatus.Paused, AgentStatus.Paused)]
    [InlineData(AgentStatus.Connected, AgentStatus.Connected)]
    [InlineData(AgentStatus.Dialing, AgentStatus.Dialing)]
    public async Task PhoneDropped_PausesAnIdleAgent_AndLeavesALiveCallAlone(AgentStatus from, AgentStatus expected)
    {
        var (agent, _) = await AgentInAsync(from);
        await agent.PhoneDroppedAsync();
        var snapshot = await agent.GetAsync();
        Assert.Equal(expected, snapshot.Status);
        if (expected == AgentStatus.Paused) Assert.Equal("PhoneDisconnected", snapshot.PauseReason);
    }
}
