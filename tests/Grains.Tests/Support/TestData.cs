using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using Npgsql;

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
            ListIds = [.. lists ?? []],
            AgentIds = [.. agents ?? []],
            // Tests run at any hour: the whole day is callable.
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" },
            Simulation = simulation ?? new CampaignSimulation { AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 0.2 },
        });
        return campaign;
    }

    /// <summary>A fresh list with <paramref name="count"/> callable US leads (distinct numbers).</summary>
    public static async Task<(LeadList List, IReadOnlyList<Lead> Leads)> CreateListAsync(LeadStore store, int count, string? timeZone = "UTC")
    {
        var list = await store.CreateListAsync("list " + Guid.NewGuid().ToString("N")[..6], "US");
        var leads = new List<Lead>();
        for (var i = 0; i < count; i++)
        {
            var phone = GrainsCluster.NextPhone();
            leads.Add(await store.InsertAsync(new NewLead { ListId = list.Id, FirstName = "Lead", LastName = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Phone = phone }, phone, timeZone));
        }
        return (list, leads);
    }

    /// <summary>Saves an AI agent script (YAML) under a fresh id; returns the id.</summary>
    public static async Task<string> SaveScriptAsync(NpgsqlDataSource database, string yaml)
    {
        var id = NewId("script");
        await new AgentScriptStore(database).CreateAsync(id, AgentScriptParser.Parse(yaml), yaml, ScriptFormat.Yaml);
        return id;
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
