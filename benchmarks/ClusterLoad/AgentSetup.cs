using System.Diagnostics;
using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;

namespace ContactCenter.Benchmarks.ClusterLoad;

/// <summary>
/// Agents created, logged in and made Ready through grain calls, 100 at a time and dealt round the
/// campaigns, each step timed on its own: which step slows down as the agents grow in number is a
/// finding of its own (every create rewrites the agent directory, every login the campaign's state).
/// </summary>
public sealed record AgentSetup(int[] ReadyPerCampaign, int Failed, TimeSpan Create, TimeSpan Login, TimeSpan Ready,
    double FirstCreateMsPer100, double LastCreateMsPer100, double FirstLoginMsPer100, double LastLoginMsPer100, bool CutShort)
{
    private const int Chunk = 100;
    // Chunks averaged for the first and last time per 100 agents.
    private const int Sample = 5;

    public TimeSpan Total => Create + Login + Ready;

    /// <summary>Sets up <paramref name="agents"/> agents; stops dealing new ones once <paramref name="limit"/> has passed.</summary>
    public static async Task<AgentSetup> RunAsync(IGrainFactory grains, IReadOnlyList<ICampaignGrain> campaigns, int agents, TimeSpan limit)
    {
        var ready = new int[campaigns.Count];
        var failed = 0;
        var creates = new List<double>();
        var logins = new List<double>();
        TimeSpan create = default, login = default, readying = default;
        var clock = Stopwatch.StartNew();
        var cutShort = false;
        foreach (var chunk in Enumerable.Range(0, agents).Chunk(Chunk))
        {
            if (clock.Elapsed > limit)
            {
                cutShort = true;
                break;
            }
            // Dealt round the campaigns, so a set-up cut short still leaves them evenly staffed.
            var batch = chunk.Select(k => (Campaign: k % campaigns.Count,
                Agent: grains.GetGrain<IAgentGrain>($"cluster-agent-{k % campaigns.Count + 1}-{k / campaigns.Count:D5}"))).ToList();
            var step = Stopwatch.StartNew();
            batch = await SurvivorsAsync(batch, a => a.Agent.CreateAsync(new AgentProfile(a.Agent.GetPrimaryKeyString())), () => failed++);
            create += step.Elapsed;
            creates.Add(step.Elapsed.TotalMilliseconds);
            step.Restart();
            batch = await SurvivorsAsync(batch, a => a.Agent.LoginAsync(campaigns[a.Campaign].GetPrimaryKeyString()), () => failed++);
            login += step.Elapsed;
            logins.Add(step.Elapsed.TotalMilliseconds);
            step.Restart();
            batch = await SurvivorsAsync(batch, a => a.Agent.ReadyAsync(), () => failed++);
            readying += step.Elapsed;
            foreach (var a in batch) ready[a.Campaign]++;
        }
        return new AgentSetup(ready, failed, create, login, readying,
            Mean(creates.Take(Sample)), Mean(creates.TakeLast(Sample)), Mean(logins.Take(Sample)), Mean(logins.TakeLast(Sample)), cutShort);
    }

    private static double Mean(IEnumerable<double> values) => values.DefaultIfEmpty(0).Average();

    /// <summary>Runs one step for the whole batch at once; returns the agents it succeeded for.</summary>
    private static async Task<List<(int Campaign, IAgentGrain Agent)>> SurvivorsAsync(
        List<(int Campaign, IAgentGrain Agent)> batch, Func<(int Campaign, IAgentGrain Agent), Task> step, Action onFailure)
    {
        var results = await Task.WhenAll(batch.Select(async a =>
        {
            try
            {
                await step(a);
                return true;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
            {
                // Counted and reported: at the size where set-up fails, that is the finding.
                Console.WriteLine($"agent {a.Agent.GetPrimaryKeyString()}: {ex.GetType().Name}: {ex.Message[..Math.Min(200, ex.Message.Length)]}");
                return false;
            }
        }));
        var survivors = new List<(int, IAgentGrain)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i]) survivors.Add(batch[i]);
            else onFailure();
        }
        return survivors;
    }
}
