using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Common;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

public sealed class BroadcastDefinitionTests
{
    private static CampaignDefinition Broadcast => new() { Name = "AI", DialerType = DialerType.Broadcast, AgentScriptId = "renewal" };

    [Fact]
    public void Validate_BroadcastWithoutScript_NamesTheField()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => (Broadcast with { AgentScriptId = null }).Validate());
        Assert.Contains("agentScriptId", ex.Errors.Keys);
    }

    [Fact]
    public void Validate_BadCapsVersionTrunkAndReplies_AllReportedTogether()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => (Broadcast with
        {
            AgentScriptVersion = 0, MaxCallsPerSecond = 0, MaxConcurrentCalls = 0, Trunk = "bad trunk!",
            Simulation = new CampaignSimulation { CallerReplies = [["dtmf:x"], ["ok"]] },
        }).Validate());
        Assert.Equal(["agentScriptVersion", "maxCallsPerSecond", "maxConcurrentCalls", "simulation.callerReplies", "trunk"], ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_DefaultsAndAnAutoCampaignWithoutScript_AreFine()
    {
        Broadcast.Validate();
        Assert.Equal(5, Broadcast.MaxCallsPerSecond);
        Assert.Equal(50, Broadcast.MaxConcurrentCalls);
        new CampaignDefinition { Name = "Auto", DialerType = DialerType.Auto }.Validate();
    }

    [Fact]
    public void SimulatedCaller_Choose_IsStableAndSpreadsLeads()
    {
        var picks = Enumerable.Range(1, 600).Select(lead => SimulatedCaller.Choose(7, lead, 6)).ToList();
        Assert.Equal(picks, Enumerable.Range(1, 600).Select(lead => SimulatedCaller.Choose(7, lead, 6)));
        Assert.All(Enumerable.Range(0, 6), b => Assert.InRange(picks.Count(p => p == b), 60, 140));
        Assert.NotEqual(picks, Enumerable.Range(1, 600).Select(lead => SimulatedCaller.Choose(8, lead, 6)));
        Assert.Equal(-1, SimulatedCaller.Choose(7, 1, 0));
    }

    [Theory]
    [InlineData("stop calling me", CallerInputKind.Utterance)]
    [InlineData(" dtmf:9 ", CallerInputKind.Dtmf)]
    [InlineData("(silence)", CallerInputKind.NoInput)]
    [InlineData("", CallerInputKind.NoInput)]
    [InlineData("(HANGUP)", CallerInputKind.HangUp)]
    public void SimulatedCaller_Parse_ReadsEachReplyKind(string reply, CallerInputKind kind) =>
        Assert.Equal(kind, SimulatedCaller.Parse(reply).Kind);
}
