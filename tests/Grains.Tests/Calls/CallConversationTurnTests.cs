using ContactCenter.Grains.Pacing;
using System.Text.Json.Nodes;
using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Calls.Support;
using ContactCenter.Grains.Tests.Support;
using Orleans.Core.Internal;

namespace ContactCenter.Grains.Tests.Calls;

/// <summary>
/// A Broadcast conversation is not held inside a grain call: the Answered event returns at once, the call keeps serving
/// other calls while the conversation runs (here held at the intent classifier for longer than the silo's response
/// timeout), and its result is applied afterwards — or, when the far end hangs up or the grain is deactivated
/// mid-conversation, right then, with what was heard so far, exactly once.
/// </summary>
public sealed class CallConversationTurnTests(ConversationSilo fixture) : IClassFixture<ConversationSilo>
{
    private const string ScriptYaml = """
        version: 1
        name: turn test
        greeting: Hello, this is Ava from Acme.
        start: ask
        intents:
          - {name: yes, examples: [yes, yes please, sure]}
          - {name: no, examples: [no, no thank you, not interested]}
        dispositions:
          interested: Sale
          not-interested: Not Interested
          hangup: No Answer
          no-response: No Answer
          voicemail: Voicemail
        nodes:
          - {id: ask, kind: ask, prompt: Are you interested?, branches: {yes: sale, no: goodbye}}
          - {id: sale, kind: end, outcome: interested, closing: Great. Goodbye.}
          - {id: goodbye, kind: end, outcome: not-interested, closing: Thank you. Goodbye.}
        """;

    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    private IGrainFactory Grains => fixture.Silo.Grains;

    [Fact]
    public async Task Answered_ReturnsAtOnce_ConversationOutlastsTheResponseTimeout_ResultAppliedWhenItEnds()
    {
        var gate = fixture.Classifier.Hold("yes please");
        var (call, campaign, lead) = await StartCallAsync("yes please");

        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30)); // the first call loads the sentence model
        // The call is mid-conversation and still answers: the Answered turn is over.
        var live = await call.GetAsync().WaitAsync(Quick);
        Assert.Equal(CallStatus.Answered, live.Status);

        // Held for longer than any grain call may take.
        await Task.Delay(ConversationSilo.ResponseTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(CallStatus.Answered, (await call.GetAsync().WaitAsync(Quick)).Status);
        Assert.Null(await new CallRecordStore(fixture.Silo.Database).GetDetailsAsync(call.GetPrimaryKeyString()));

        gate.Open();
        var ended = await WaitForEndAsync(call);
        Assert.Equal("Sale", ended.Disposition);
        var details = await DetailsAsync(call);
        Assert.Equal("interested", details["outcome"]!.GetValue<string>());
        Assert.Contains(details["transcript"]!.AsArray(), t => t!["speaker"]!.GetValue<string>() == "caller" && t["text"]!.GetValue<string>() == "yes please");
        Assert.Equal(LeadStatus.Done, (await Grains.GetGrain<ILeadGrain>(lead).GetAsync()).Status);
        await AssertRecordedOnceAsync(campaign, "Sale");
    }

    [Fact]
    public async Task FarEndHangsUpMidConversation_ConversationStopped_RecordWrittenOnceWithWhatWasHeard()
    {
        var gate = fixture.Classifier.Hold("yes sure");
        var (call, campaign, lead) = await StartCallAsync("yes sure");
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // Our hang-up makes the carrier report HungUp, as a caller leaving would.
        await call.HangUpAsync();
        var ended = await WaitForEndAsync(call);
        Assert.Equal("No Answer", ended.Disposition);
        var details = await DetailsAsync(call);
        Assert.Equal("hangup", details["outcome"]!.GetValue<string>());
        var transcript = details["transcript"]!.AsArray();
        Assert.Contains(transcript, t => t!["speaker"]!.GetValue<string>() == "caller" && t["text"]!.GetValue<string>() == "yes sure");
        Assert.Contains(transcript, t => t!["speaker"]!.GetValue<string>() == "system" && t["text"]!.GetValue<string>() == "caller hung up");
        Assert.DoesNotContain(transcript, t => t!["text"]!.GetValue<string>().Contains("Great.", StringComparison.Ordinal));

        // The stopped conversation's own report comes later and finds nothing left to apply.
        var written = details.ToJsonString();
        gate.Open();
        await Task.Delay(500);
        Assert.Equal(written, (await DetailsAsync(call)).ToJsonString());
        Assert.Equal(CallStatus.Completed, (await call.GetAsync()).Status);
        Assert.Equal("No Answer", (await Grains.GetGrain<ILeadGrain>(lead).GetAsync()).Disposition);
        await AssertRecordedOnceAsync(campaign, "No Answer");
    }

    [Fact]
    public async Task DeactivatedMidConversation_CallEndedAndRecordWritten()
    {
        var gate = fixture.Classifier.Hold("sure, yes please");
        var (call, campaign, _) = await StartCallAsync("sure, yes please");
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        await call.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // A new activation reads what the old one wrote on its way out.
        var ended = await WaitForEndAsync(call);
        Assert.Equal("No Answer", ended.Disposition);
        var details = await DetailsAsync(call);
        Assert.Equal("hangup", details["outcome"]!.GetValue<string>());
        Assert.Contains(details["transcript"]!.AsArray(), t => t!["speaker"]!.GetValue<string>() == "caller" && t["text"]!.GetValue<string>() == "sure, yes please");
        gate.Open();
        await AssertRecordedOnceAsync(campaign, "No Answer");
    }

    private async Task<(ICallGrain Call, ICampaignGrain Campaign, long Lead)> StartCallAsync(string reply)
    {
        var (list, leads) = await TestData.CreateListAsync(new LeadStore(fixture.Silo.Database), 1);
        var lead = leads[0];
        var scriptId = await TestData.SaveScriptAsync(fixture.Silo.Database, ScriptYaml);
        var campaign = Grains.GetGrain<ICampaignGrain>(TestData.NewId("turns"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Turns", DialerType = DialerType.Broadcast, CallerId = "+12125550000", ListIds = [list.Id],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" }, AgentScriptId = scriptId,
        });
        // The far end stays on the line for a minute unless the test ends the call sooner.
        var simulation = new CampaignSimulation
        {
            AnswerRate = 1, BusyRate = 0, NoAnswerRate = 0, VoicemailRate = 0, RingSeconds = 0.05, TalkSeconds = 60, CallerReplies = [[reply]],
        };
        var call = Grains.GetGrain<ICallGrain>(TestData.NewId("call"));
        await call.StartAsync(new CallStart(campaign.GetPrimaryKeyString(), lead.Id, lead.Phone, "+12125550000", null, null, 10,
            new ContactCenter.Grains.Leads.RetryPolicy(), simulation, Broadcast: new BroadcastCall(scriptId, 1, DispositionSet.CreateDefaults())));
        return (call, campaign, lead.Id);
    }

    private static async Task<CallSnapshot> WaitForEndAsync(ICallGrain call)
    {
        await TestData.WaitUntilAsync(async () => (await call.GetAsync()) is { Status: CallStatus.Completed, Disposition: not null }, "the call completed with a disposition", 10000);
        return await call.GetAsync();
    }

    private async Task<JsonNode> DetailsAsync(ICallGrain call) =>
        JsonNode.Parse(await new CallRecordStore(fixture.Silo.Database).GetDetailsAsync(call.GetPrimaryKeyString()) ?? throw new Xunit.Sdk.XunitException("No details on the record."))!;

    private static async Task AssertRecordedOnceAsync(ICampaignGrain campaign, string disposition)
    {
        var counters = (await campaign.GetStatsAsync()).Counters;
        Assert.Equal(1, counters.Answered);
        Assert.Equal(new Dictionary<string, int> { [disposition] = 1 }, counters.Dispositions);
    }
}
