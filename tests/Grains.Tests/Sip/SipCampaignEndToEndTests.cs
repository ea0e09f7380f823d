using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Sip.Support;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Silo.Database;
using ContactCenter.Telephony.AgentPhones;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;

namespace ContactCenter.Grains.Tests.Sip;

/// <summary>
/// The whole product path on our SIP stack: an Auto campaign in an Orleans silo dials a lead
/// through the trunk carrier to a sipp UAS (the "customer", which talks and hangs up), the call is
/// bridged into the agent's phone channel (another sipp), and the CDR lands in call_records. What
/// the silo logs meanwhile at Information and above names no phone number in full.
/// </summary>
public sealed class SipCampaignEndToEndTests : IAsyncLifetime
{
    private TestSilo? silo;
    private NpgsqlDataSource? database;
    private InProcessTestCluster? cluster;
    private SippPhone? customer;
    private SippPhone? agentPhone;
    private readonly CapturedLogs logs = new();

    public async Task InitializeAsync()
    {
        customer = await SippPhone.StartAsync("trunk_uas_answer_play_bye.xml", toneHz: 440);
        agentPhone = await SippPhone.StartAsync("trunk_uas_agent_phone.xml", toneHz: 660);
// Trunk-wide AMD on: the campaign below turns it off, and the tone sipp plays (a long
        // "greeting") would otherwise end the call as Voicemail before it reaches the agent.
        silo = await SipTrunkSilo.StartAsync("grains_sip", customer.Port, new Dictionary<string, string?> { ["ContactCenter:Sip:AnsweringMachineDetection"] = "true" },
            s => s.Services.AddSingleton<ILoggerProvider>(logs));
        cluster = silo.Cluster;
        database = silo.Database;
    }

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        if (customer is not null) await customer.DisposeAsync();
        if (agentPhone is not null) await agentPhone.DisposeAsync();
    }

    [Fact]
    public async Task AutoCampaign_DialsSippThroughOurStack_BridgesTheAgent_AndWritesTheCdr()
    {
        var grains = cluster!.Client;
        var leads = new LeadStore(database!);
        var (list, listLeads) = await TestData.CreateListAsync(leads, 1);
        var lead = listLeads[0];

        var campaign = await TestData.CreateCampaignAsync(grains, DialerType.Auto, lists: [list.Id]);
        var definition = (await campaign.GetAsync()).Definition;
        await campaign.UpdateAsync(definition with { Retry = new RetryPolicy { MaxAttempts = 1 }, RingTimeoutSeconds = 10, AnsweringMachineDetection = false });
        var agent = grains.GetGrain<IAgentGrain>(TestData.NewId("agent"));
        // An agent phone reached by its number, as on a PBX that routes by DID: the URI carries a phone number.
        const string AgentNumber = "+12125551001";
        await agent.CreateAsync(new AgentProfile("Sip Agent", $"sip:{AgentNumber}@127.0.0.1:{agentPhone!.Port}"));
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        // Login calls the agent's phone once and keeps that leg for the shift (persistent agent channel).
        var channels = cluster.Silos[0].ServiceProvider.GetRequiredService<IAgentPhoneChannels>();
        Assert.True(channels.IsConnected(agent.GetPrimaryKeyString()), "login connects the agent's phone");
        await agent.ReadyAsync();
        await campaign.StartAsync();

        // The customer talks for 3.5 s and hangs up; the agent then wraps up.
        await TestData.WaitUntilAsync(async () => (await agent.GetAsync()).Status == AgentStatus.WrapUp, "the agent to reach wrap-up after the SIP call", 20000);
        await agent.CompleteWrapUpAsync(new WrapUpRequest("Not Interested", "sip e2e"));
        Assert.Equal(0, await customer!.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        await using var cmd = database!.CreateCommand("SELECT status, outcome, destination, answered_at, connected_at, ended_at, agent_id FROM call_records WHERE campaign_id = $1");
        cmd.Parameters.Add(new() { Value = campaign.GetPrimaryKeyString() });
        await using var row = await cmd.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), "a CDR row for the SIP call");
        Assert.Equal("Completed", row.GetString(0));
        Assert.Equal("Answered", row.GetString(1));
        Assert.Equal(lead.Phone, row.GetString(2));
        Assert.False(row.IsDBNull(3));
        Assert.False(row.IsDBNull(4), "the call was connected to the agent");
        Assert.False(row.IsDBNull(5));
        Assert.Equal(agent.GetPrimaryKeyString(), row.GetString(6));
        Assert.False(await row.ReadAsync(), "exactly one CDR");

        // The agent's phone channel outlived the customer; logout hangs it up.
        Assert.True(channels.IsConnected(agent.GetPrimaryKeyString()));
        await agent.LogoutAsync();
        Assert.False(channels.IsConnected(agent.GetPrimaryKeyString()));
        Assert.Equal(0, await agentPhone.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        // The channel's URI was logged, masked to its last digits; no number appears whole, with or without '+'.
        var logged = logs.At(LogLevel.Information);
        Assert.Contains(logged, l => l.Contains("phone channel up (sip:+*******1001@", StringComparison.Ordinal));
        foreach (var number in new[] { lead.Phone, AgentNumber, definition.CallerId!, "+12125550100" })
        {
            Assert.DoesNotContain(logged, l => l.Contains(number[1..], StringComparison.Ordinal));
        }
    }
}
