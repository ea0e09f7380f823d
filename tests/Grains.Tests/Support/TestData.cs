using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Grains.Tests.Support;

public static class TestData
{
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A Draft campaign whose simulated calls resolve in a fraction of a second.</summary>
    public static async Task<ICampaignGrain> CreateCampaignAsync(IGrainFactory grains, DialerType type = DialerType.Auto, CampaignSimulation? simulation = null, IReadOnlyList<long>? lists = null, IReadOnlyList<string>? agents = null)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(NewId("campaign"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Test campaign",
            DialerType = type,
            CallerId = "+12125550000",
            ListIds = lists ?? [],
            AgentIds = agents ?? [],
            // Tests run at any hour: the whole day is callable.
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" },
            Simulation = simulation ?? new CampaignSimulation { AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 0.2 },
        });
        return campaign;
    }

    public static async Task<IAgentGrain> CreateAgentAsync(IGrainFactory grains, string? name = null)
    {
        var agent = grains.GetGrain<IAgentGrain>(NewId("agent"));
        await agent.CreateAsync(new AgentProfile(name ?? "Test Agent"));
        return agent;
    }

    /// <summary>Polls until the condition holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(25);
        }
        Assert.Fail($"Timed out waiting for: {what}");
    }
}
