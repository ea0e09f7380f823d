using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Grains.Tests.Campaigns;

public sealed class AgentTimesTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ABusySpell_RunsFromConnectedThroughWrapUp_ToReady()
    {
        var times = new AgentTimes(clock);
        Assert.Null(times.Changed("a", null, AgentStatus.Ready));
        Assert.Null(times.Changed("a", AgentStatus.Ready, AgentStatus.Dialing));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(times.Changed("a", AgentStatus.Dialing, AgentStatus.Connected));
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Null(times.Changed("a", AgentStatus.Connected, AgentStatus.WrapUp));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(120), times.Changed("a", AgentStatus.WrapUp, AgentStatus.Ready));
        Assert.Null(times.Changed("a", AgentStatus.Ready, AgentStatus.Paused));
    }

    [Fact]
    public void TheAgentFreeLongest_ComesFirst()
    {
        var times = new AgentTimes(clock);
        times.Changed("late", null, AgentStatus.Paused);
        clock.Advance(TimeSpan.FromSeconds(1));
        times.Changed("early", null, AgentStatus.Ready);
        clock.Advance(TimeSpan.FromSeconds(1));
        times.Changed("late", AgentStatus.Paused, AgentStatus.Ready);
        clock.Advance(TimeSpan.FromSeconds(1));
        times.Changed("middle", null, AgentStatus.Ready);

        Assert.Equal(["early", "late", "middle"], times.LongestFirst(["middle", "late", "early"]));
    }
}
