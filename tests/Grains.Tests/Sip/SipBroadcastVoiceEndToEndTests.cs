using ContactCenter.Grains.Pacing;
using System.Text.Json.Nodes;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Sip.Support;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Silo.Database;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace ContactCenter.Grains.Tests.Sip;

/// <summary>
/// The AI voice agent on a real call: a Broadcast campaign dials a sipp UAS through our SIP trunk; the agent's greeting
/// and question are spoken by espeak-ng into the RTP stream; the "customer" answers with a recorded reply (espeak-ng
/// speech as 8 kHz µ-law), which our side hears through voice activity detection, pocketsphinx with the script's
/// grammar and the intent classifier; the conversation's result lands on the call record and the lead.
/// </summary>
public sealed class SipBroadcastVoiceEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ScriptYaml = """
        version: 1
        name: voice offer
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

    private TestSilo? silo;
    private NpgsqlDataSource? database;
    private InProcessTestCluster? cluster;
    private SippPhone? customer;

    public async Task InitializeAsync()
    {
        customer = await SippPhone.StartSpeakingAsync("trunk_uas_voice_answer.xml", "yes please");
silo = await SipTrunkSilo.StartAsync("grains_voice", customer.Port);
        cluster = silo.Cluster;
        database = silo.Database;
    }

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        if (customer is not null) await customer.DisposeAsync();
    }

    [Fact]
    public async Task BroadcastCall_CustomerSaysYesPlease_HeardOverRtp_SaleOnTheRecordAndLead()
    {
        var grains = cluster!.Client;
        var leads = new LeadStore(database!);
        var (list, listLeads) = await TestData.CreateListAsync(leads, 1);
        var lead = listLeads[0];
        var scriptId = await TestData.SaveScriptAsync(database!, ScriptYaml);

        var campaign = grains.GetGrain<ICampaignGrain>(TestData.NewId("voice"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Voice broadcast", DialerType = DialerType.Broadcast, CallerId = "+12125550000", ListIds = [list.Id],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" }, AgentScriptId = scriptId,
            MaxCallsPerSecond = 1, MaxConcurrentCalls = 1, RingTimeoutSeconds = 10, AnsweringMachineDetection = false,
            Retry = new ContactCenter.Grains.Leads.RetryPolicy { MaxAttempts = 1 },
        });
        await campaign.StartAsync();

        // The agent speaks (~3.2 s), sipp answers after 4.5 s, end of utterance, recognition, closing, our BYE.
        string? callId = null;
        try
        {
            await TestData.WaitUntilAsync(async () => (callId = await FindCallWithDetailsAsync(campaign.GetPrimaryKeyString())) is not null,
                "the voice call's conversation on its record", 20000);
        }
        catch (Xunit.Sdk.FailException)
        {
            throw new TimeoutException($"No conversation on the record. Calls: {await DescribeCallsAsync(campaign.GetPrimaryKeyString())}\nsipp: {customer!.Output}");
        }
        Assert.Equal(0, await customer!.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        var details = JsonNode.Parse((await new CallRecordStore(database!).GetDetailsAsync(callId!))!)!;
        Assert.Equal("interested", details["outcome"]!.GetValue<string>());
        Assert.Equal("Sale", details["disposition"]!.GetValue<string>());
        Assert.Contains("yes", details["intents"]!.AsArray().Select(i => i!.GetValue<string>()));
        var transcript = details["transcript"]!.AsArray();
        foreach (var line in transcript) output.WriteLine($"{line!["speaker"]}: {line["text"]}");
        Assert.Contains(transcript, t => t!["speaker"]!.GetValue<string>() == "agent" && t["text"]!.GetValue<string>().Contains("Are you interested", StringComparison.Ordinal));
        Assert.Contains(transcript, t => t!["speaker"]!.GetValue<string>() == "caller" && t["text"]!.GetValue<string>().Contains("yes", StringComparison.OrdinalIgnoreCase));
        Assert.Null(details["simulatedBehaviour"]);
        Assert.Equal(LeadStatus.Done, (await grains.GetGrain<ILeadGrain>(lead.Id).GetAsync()).Status);
    }

    private async Task<string> DescribeCallsAsync(string campaignId)
    {
        await using var cmd = database!.CreateCommand("SELECT row_to_json(c)::text FROM call_records c WHERE campaign_id = $1");
        cmd.Parameters.Add(new() { Value = campaignId });
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows.Count == 0 ? "none" : string.Join("\n", rows);
    }

    private async Task<string?> FindCallWithDetailsAsync(string campaignId)
    {
        await using var cmd = database!.CreateCommand("SELECT call_id FROM call_records WHERE campaign_id = $1 AND details <> '{}'::jsonb AND disposition IS NOT NULL");
        cmd.Parameters.Add(new() { Value = campaignId });
        return await cmd.ExecuteScalarAsync() as string;
    }
}
