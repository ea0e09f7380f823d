using ContactCenter.Grains.Broadcast.Calls;
using ContactCenter.Grains.Broadcast.Conversation;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Broadcast.Understanding;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Dispositions;
using ContactCenter.Grains.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Grains.Tests.Broadcast.Calls;

[Collection(GrainsCollection.Name)]
public sealed class BroadcastCallRunnerTests(GrainsCluster fixture)
{
    private async Task<(BroadcastCallRunner Runner, BroadcastCall Call)> SetUpAsync(string yaml)
    {
        var store = new AgentScriptStore(fixture.Database);
        var id = "runner-" + Guid.NewGuid().ToString("N")[..6];
        await store.CreateAsync(id, AgentScriptParser.Parse(yaml), yaml, ScriptFormat.Yaml);
        var sessions = new ConversationSessionFactory(SharedEmbedder.Classifier, new LexiconSentimentAnalyzer(), TimeProvider.System, NullLoggerFactory.Instance);
        return (new BroadcastCallRunner(sessions, new AgentScriptCache(store)), new BroadcastCall(id, 1, DispositionSet.CreateDefaults()));
    }

    [Fact]
    public async Task RunVoicemail_RecordsWhetherTheMessageWasLeft()
    {
        var leave = BroadcastScripts.Renewal("team");
        var hangUp = leave.Replace("voicemail: {action: leaveMessage, message: Please call Acme Insurance back about your renewal.}", "voicemail: {action: hangUp}", StringComparison.Ordinal);
        Assert.NotEqual(leave, hangUp);

        var (runner, call) = await SetUpAsync(leave);
        var left = await runner.RunVoicemailAsync(call);
        Assert.Equal(("leaveMessage", "voicemail", "Voicemail"), (left.Voicemail, left.Outcome, left.ScriptDisposition));
        Assert.Contains("Acme Insurance", left.VoicemailMessage);

        (runner, call) = await SetUpAsync(hangUp);
        var hung = await runner.RunVoicemailAsync(call);
        Assert.Equal("hangUp", hung.Voicemail);
        Assert.Null(hung.VoicemailMessage);
    }

    [Fact]
    public async Task RunSimulated_SameSeedAndLead_SamePersonAndOutcome()
    {
        var (runner, call) = await SetUpAsync(BroadcastScripts.Renewal("team"));
        var simulation = new CampaignSimulation { Seed = 3, CallerReplies = BroadcastScripts.Behaviours.Select(b => b.Replies.ToList()).ToList() };
        for (var lead = 1L; lead <= 6; lead++)
        {
            var first = await runner.RunSimulatedAsync(call, simulation, lead);
            var again = await runner.RunSimulatedAsync(call, simulation, lead);
            Assert.Equal(first.Details.SimulatedBehaviour, again.Details.SimulatedBehaviour);
            Assert.Equal(first.Result.Outcome, again.Result.Outcome);
            var behaviour = first.Details.SimulatedBehaviour!.Value;
            Assert.Equal(behaviour == 3 ? "team" : null, first.TransferCampaign);
            Assert.Equal("Callback", first.TransferFailedDisposition);
        }
        var nobody = await runner.RunSimulatedAsync(call, new CampaignSimulation(), 1);
        Assert.Null(nobody.Details.SimulatedBehaviour);
        Assert.Equal(ConversationOutcomes.CallerHungUp, nobody.Result.Outcome); // no replies: the person hangs up
    }
}
