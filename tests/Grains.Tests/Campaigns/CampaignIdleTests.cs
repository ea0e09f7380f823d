using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Tests.Support;

namespace ContactCenter.Grains.Tests.Campaigns;

/// <summary>A Running campaign that dials nothing says why, and until when, instead of a silent empty hopper.</summary>
[Collection(GrainsCollection.Name)]
public sealed class CampaignIdleTests(GrainsCluster fixture)
{
    // One of these zones is between 01:00 and 06:00 at any moment, far from the default window's 08:00-21:00.
    private static readonly string[] Zones =
        ["Pacific/Honolulu", "America/Los_Angeles", "America/New_York", "Atlantic/Azores", "Europe/Berlin", "Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Pacific/Auckland"];

    [Fact]
    public async Task RunningAutoCampaign_SaysNoAgents_ThenNoReadyAgent_ThenOutsideCallingHoursUntilEightInTheLeadsZone()
    {
        var zone = Zones.Select(TimeZoneInfo.FindSystemTimeZoneById).First(z => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, z).Hour is >= 1 and < 6);
        var (list, _) = await fixture.CreateListAsync(3, zone.Id);
        var campaign = await TestData.CreateCampaignAsync(fixture.Grains, DialerType.Auto, new CampaignSimulation { RingSeconds = 0.1, TalkSeconds = 0.1 }, [list.Id]);
        // The default window, 08:00-21:00 in each lead's zone (test campaigns are open all day).
        await campaign.UpdateAsync((await campaign.GetAsync()).Definition with { CallingWindow = new ContactCenter.Grains.Pacing.CallingWindow() });
        await campaign.StartAsync();

        Assert.Equal("noAgentsLoggedIn", (await campaign.GetStatsAsync()).Idle?.Reason);

        var agent = await TestData.CreateAgentAsync(fixture.Grains);
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).Idle?.Reason == "noReadyAgents", "no Ready agent");

        await agent.ReadyAsync();
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).Idle?.Reason == "outsideCallingHours", "outside calling hours");
        var idle = (await campaign.GetStatsAsync()).Idle!;
        var local = TimeZoneInfo.ConvertTime(idle.Until!.Value, zone);
        Assert.Equal(new TimeSpan(8, 0, 0), local.TimeOfDay);
        Assert.InRange(idle.Until.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(2), TimeSpan.FromHours(7.1));
        Assert.Contains($"until {local:yyyy-MM-dd} 08:00 {zone.Id}", idle.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await campaign.GetStatsAsync()).Counters.Dialed);
        Assert.Equal(AgentStatus.Ready, (await agent.GetAsync()).Status);
        await campaign.StopAsync();
        Assert.Null((await campaign.GetStatsAsync()).Idle);
    }
}
