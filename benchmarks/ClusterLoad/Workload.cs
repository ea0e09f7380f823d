using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Campaigns;
using Npgsql;
using ContactCenter.Grains.Pacing;
using RetryPolicy = ContactCenter.Grains.Leads.RetryPolicy;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// The campaigns of a run, set up through grain calls from the client: Auto campaigns with the
/// agents split among them, and optionally one Broadcast campaign whose AI agent needs no people.
/// </summary>
public sealed class Workload
{
    private const string BroadcastId = "cluster-broadcast";

    private Workload(List<AutoCampaign> auto, ICampaignGrain? broadcast, AgentSetup agents)
    {
        Auto = auto;
        Broadcast = broadcast;
        Agents = agents;
    }

    public IReadOnlyList<AutoCampaign> Auto { get; }
    public ICampaignGrain? Broadcast { get; }

    /// <summary>How setting up the agents went: times per step, failures, whether the time limit cut it short.</summary>
    public AgentSetup Agents { get; }

    public IEnumerable<ICampaignGrain> All => Auto.Select(a => a.Grain).Concat(Broadcast is null ? [] : [Broadcast]);

    /// <summary>Creates the campaigns and the agents; agent set-up stops dealing new agents after <paramref name="setupLimit"/>.</summary>
    public static async Task<Workload> CreateAsync(IGrainFactory grains, NpgsqlDataSource db, ClusterSettings settings, IReadOnlyList<long> autoLists, long? broadcastList, TimeSpan setupLimit)
    {
        var campaigns = new List<ICampaignGrain>();
        for (var c = 0; c < settings.Campaigns; c++)
        {
            var campaign = grains.GetGrain<ICampaignGrain>($"cluster-auto-{c + 1}");
            await campaign.CreateAsync(AutoDefinition(settings, c, autoLists[c]));
            campaigns.Add(campaign);
        }
        var agents = await AgentSetup.RunAsync(grains, campaigns, settings.Agents, setupLimit);
        var auto = campaigns.Select((campaign, c) => new AutoCampaign(campaign, agents.ReadyPerCampaign[c])).ToList();

        ICampaignGrain? broadcast = null;
        if (broadcastList is { } list)
        {
            await new AgentScriptStore(db).CreateAsync(BroadcastScript.Id, AgentScriptParser.Parse(BroadcastScript.Yaml), BroadcastScript.Yaml, ScriptFormat.Yaml);
            broadcast = grains.GetGrain<ICampaignGrain>(BroadcastId);
            await broadcast.CreateAsync(BroadcastDefinition(settings, list));
        }
        return new Workload(auto, broadcast, agents);
    }

    public Task StartAsync() => Task.WhenAll(All.Select(c => c.StartAsync()));

    public Task StopAsync() => Task.WhenAll(All.Select(c => c.StopAsync()));

    private static CampaignDefinition AutoDefinition(ClusterSettings s, int index, long listId) => new()
    {
        Name = $"Cluster load {index + 1}",
        DialerType = DialerType.Auto,
        CallerId = "+12125550000",
        ListIds = [listId],
        CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" },
        Retry = new RetryPolicy { MaxAttempts = 1 },
        WrapUpTimeoutSeconds = s.WrapUpSeconds,
        Simulation = new CampaignSimulation
        {
            AnswerRate = 0.6, BusyRate = 0.15, NoAnswerRate = 0.15, VoicemailRate = 0.1,
            RingSeconds = s.RingSeconds, TalkSeconds = s.TalkSeconds, Seed = 42 + index,
        },
    };

    private static CampaignDefinition BroadcastDefinition(ClusterSettings s, long listId) => new()
    {
        Name = "Cluster load broadcast",
        DialerType = DialerType.Broadcast,
        CallerId = "+12125550001",
        ListIds = [listId],
        CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" },
        Retry = new RetryPolicy { MaxAttempts = 1 },
        AgentScriptId = BroadcastScript.Id,
        MaxCallsPerSecond = s.BroadcastCallsPerSecond,
        MaxConcurrentCalls = s.BroadcastMaxConcurrent,
        Simulation = new CampaignSimulation
        {
            AnswerRate = 0.7, BusyRate = 0.1, NoAnswerRate = 0.1, VoicemailRate = 0.1,
            RingSeconds = s.RingSeconds, TalkSeconds = s.TalkSeconds, Seed = 7,
            CallerReplies = BroadcastScript.Callers(),
        },
    };
}
