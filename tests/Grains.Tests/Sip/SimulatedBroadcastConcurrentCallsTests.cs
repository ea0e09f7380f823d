using System.Text.Json.Nodes;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Grains.Trunks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ContactCenter.Grains.Tests.Sip;

/// <summary>
/// The simulated-carrier counterpart of <see cref="SipBroadcastConcurrentCallsEndToEndTests"/> (issue 16), at 50 calls
/// at once: two Broadcast campaigns of 30 leads share a trunk of 50 channels. In one the simulated people stay on the
/// line, so our agent ends every call and the disposition follows the person's replies exactly; in the other the far
/// end hangs up 0.3 s after answering, racing the conversation's own end (which takes about as long with 50 calls on
/// 2 cores). Every call must end with a disposition within seconds of its end, the trunk must give back every slot
/// (10 leads wait for one), and the counters must add up.
/// </summary>
public sealed class SimulatedBroadcastConcurrentCallsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LeadsPerCampaign = 30;
    private const int TrunkCapacity = 50;
    private const string Trunk = "simulated-broadcast";

    /// <summary>How soon after its end a call must carry its disposition: 1-2 s with 60 calls on 2 cores, the bug took 30 s and more.</summary>
    private static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(5);

    private const string ScriptYaml = """
        version: 1
        name: offer
        greeting: Hello, this is Ava from Acme.
        start: ask
        intents:
          - {name: yes, examples: [yes, yes please, sure]}
          - {name: no, examples: [no, no thank you, not interested]}
        retries: {maxNoInput: 1, maxNoMatch: 1}
        dispositions:
          interested: Sale
          not-interested: Not Interested
          hangup: No Answer
          no-response: No Answer
          voicemail: Voicemail
          completed: Sale
        nodes:
          - {id: ask, kind: ask, prompt: Are you interested?, branches: {yes: sale, no: goodbye}}
          - {id: sale, kind: end, outcome: interested, closing: Great. Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Thank you. Goodbye.}
        """;

    /// <summary>Simulated people by behaviour index, and the disposition each gets when nobody hangs up on the conversation.</summary>
    private static readonly (string[] Replies, string Disposition)[] People =
    [
        (["yes please"], "Sale"),
        (["no thank you"], "Not Interested"),
        (["(silence)", "(silence)"], "No Answer"),
        (["(hangup)"], "No Answer"),
    ];

    private readonly CapturedLogs logs = new();
    private TestSilo? silo;

    public async Task InitializeAsync() =>
        silo = await TestSilo.StartAsync("grains_broadcast_ends", s =>
        {
            s.Services.Configure<TrunkOptions>(o => o.Capacities[Trunk] = TrunkCapacity);
            s.Services.AddSingleton<ILoggerProvider>(logs);
        });

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
    }

    [Fact]
    public async Task Broadcast_FiftyCallsAtOnce_FarEndStaysOrHangsUpMidConversation_EveryCallEndsWithItsDisposition_SlotsReturn_CountersAddUp()
    {
        var scriptId = await TestData.SaveScriptAsync(silo!.Database, ScriptYaml);
        var staying = await CreateCampaignAsync(scriptId, talkSeconds: 60);
        var leaving = await CreateCampaignAsync(scriptId, talkSeconds: 0.3);
        var startedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(staying.StartAsync(), leaving.StartAsync());

        var settledAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        List<CallRow> calls = [];
        var deadline = DateTimeOffset.UtcNow.AddSeconds(40);
        while (true)
        {
            calls = [.. await ReadCallsAsync(staying.GetPrimaryKeyString()), .. await ReadCallsAsync(leaving.GetPrimaryKeyString())];
            var now = DateTimeOffset.UtcNow;
            foreach (var c in calls.Where(c => c.Disposition is not null && c.EndedAt is not null)) settledAt.TryAdd(c.CallId, now);
            if (settledAt.Count >= 2 * LeadsPerCampaign) break;
            if (now > deadline)
            {
                throw new TimeoutException($"{settledAt.Count} of {2 * LeadsPerCampaign} calls ended with a disposition.\n" +
                    string.Join("\n", calls.Where(c => !settledAt.ContainsKey(c.CallId)).Select(c => $"{c.CallId} {c.Status} {c.Outcome} {c.Disposition} ended {c.EndedAt:HH:mm:ss.fff}")) +
                    $"\nWarnings:\n{string.Join("\n", logs.At(LogLevel.Warning))}");
            }
            await Task.Delay(100);
        }
        output.WriteLine($"all {calls.Count} calls settled {(DateTimeOffset.UtcNow - startedAt).TotalSeconds:0.0} s after the start");

        var lags = calls.Select(c => (settledAt[c.CallId] - c.EndedAt!.Value).TotalSeconds).ToList();
        output.WriteLine($"disposition seen after the call's end: max {lags.Max():0.00} s, median {lags.Order().ElementAt(lags.Count / 2):0.00} s");
        foreach (var call in calls)
        {
            Assert.Equal(("Completed", "Answered"), (call.Status, call.Outcome));
            Assert.True(settledAt[call.CallId] - call.EndedAt!.Value <= EndWithin, $"call {call.CallId} got its disposition {(settledAt[call.CallId] - call.EndedAt.Value).TotalSeconds:0.00} s after it ended");
            Assert.Contains(call.Disposition, People.Select(p => p.Disposition));
            Assert.Equal(call.Disposition, call.Details?["disposition"]?.GetValue<string>());
            if (call.CampaignId == staying.GetPrimaryKeyString())
            {
                // Nobody hung up on these conversations: the person's replies decide.
                Assert.Equal(People[call.Details!["simulatedBehaviour"]!.GetValue<int>()].Disposition, call.Disposition);
            }
        }
        var cutShort = calls.Count(c => c.CampaignId == leaving.GetPrimaryKeyString() && c.Details?["outcome"]?.GetValue<string>() == "hangup");
        output.WriteLine($"far end hung up first on {cutShort} of {LeadsPerCampaign} conversations of the racing campaign");

        var trunk = silo.Grains.GetGrain<ITrunkGrain>(Trunk);
        await TestData.WaitUntilAsync(async () => (await trunk.GetUsageAsync()).InUse == 0, "the trunk's slots to return", 5000);
        Assert.Equal(TrunkCapacity, (await trunk.GetUsageAsync()).Peak);

        foreach (var campaign in new[] { staying, leaving })
        {
            await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).Status == CampaignStatus.Completed, "the campaign to complete", 10000);
            var stats = await campaign.GetStatsAsync();
            var mine = calls.Where(c => c.CampaignId == campaign.GetPrimaryKeyString()).ToList();
            output.WriteLine($"counters: dialed {stats.Counters.Dialed}, answered {stats.Counters.Answered}, dispositions {string.Join(", ", stats.Counters.Dispositions.Select(d => $"{d.Key} {d.Value}"))}");
            Assert.Equal(LeadsPerCampaign, mine.Count);
            Assert.Equal((LeadsPerCampaign, LeadsPerCampaign, 0, 0, 0), (stats.Counters.Dialed, stats.Counters.Answered, stats.Counters.Voicemail, stats.Counters.Failed, stats.CallsInFlight));
            Assert.Equal(LeadsPerCampaign, stats.Counters.Dispositions.Values.Sum());
            foreach (var group in mine.GroupBy(c => c.Disposition!)) Assert.Equal(group.Count(), stats.Counters.Dispositions.GetValueOrDefault(group.Key));
        }

        var warnings = logs.At(LogLevel.Warning);
        foreach (var w in warnings.Take(20)) output.WriteLine("warning: " + w);
        Assert.DoesNotContain(warnings, w => w.Contains("did not stop", StringComparison.Ordinal) || w.Contains("Timeout", StringComparison.OrdinalIgnoreCase)
            || w.Contains("could not report", StringComparison.Ordinal) || w.Contains("never released", StringComparison.Ordinal));
    }

    private async Task<ICampaignGrain> CreateCampaignAsync(string scriptId, double talkSeconds)
    {
        var (list, _) = await TestData.CreateListAsync(new LeadStore(silo!.Database), LeadsPerCampaign);
        var campaign = silo.Grains.GetGrain<ICampaignGrain>(TestData.NewId("simulated"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Simulated broadcast", DialerType = DialerType.Broadcast, CallerId = "+12125550000", ListIds = [list.Id],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" }, AgentScriptId = scriptId,
            MaxCallsPerSecond = 200, MaxConcurrentCalls = LeadsPerCampaign, Trunk = Trunk, AnsweringMachineDetection = false,
            Retry = new RetryPolicy { MaxAttempts = 1 },
            // A second of ringing keeps the first 50 calls up together.
            Simulation = new CampaignSimulation
            {
                AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 1, TalkSeconds = talkSeconds, Seed = 16,
                CallerReplies = [.. People.Select(p => p.Replies.ToList())],
            },
        });
        return campaign;
    }

    private async Task<IReadOnlyList<CallRow>> ReadCallsAsync(string campaignId)
    {
        await using var cmd = silo!.Database.CreateCommand("""
            SELECT call_id, campaign_id, status, outcome, disposition, ended_at, CASE WHEN details = '{}'::jsonb THEN NULL ELSE details::text END
            FROM call_records WHERE campaign_id = $1
            """);
        cmd.Parameters.Add(new() { Value = campaignId });
        var rows = new List<CallRow>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add(new CallRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : JsonNode.Parse(r.GetString(6))));
        }
        return rows;
    }

    private sealed record CallRow(string CallId, string CampaignId, string Status, string? Outcome, string? Disposition, DateTimeOffset? EndedAt, JsonNode? Details);
}
