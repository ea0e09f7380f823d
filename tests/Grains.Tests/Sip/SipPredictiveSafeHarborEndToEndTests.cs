using ContactCenter.Grains.Agents;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Pacing;
using ContactCenter.Grains.Tests.Sip.Support;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Tests.Integration.Support;
using ContactCenter.Telephony.Tests.Media.Support;
using Xunit.Abstractions;

namespace ContactCenter.Grains.Tests.Sip;

/// <summary>
/// A Predictive call over the SIP trunk that finds no agent when the person answers: the person hears the campaign's
/// safe-harbor message within two seconds of answering, then our BYE; the call is on record as abandoned. A sipp UAS
/// rings 1.5 s, answers and says hello; tcpdump on loopback is the witness.
/// </summary>
public sealed class SipPredictiveSafeHarborEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Message = "This is Acme Insurance. Please call us back at five five five, zero one zero zero. To stop our calls, press nine.";

    private TestSilo? silo;
    private SippPhone? callee;

    public async Task InitializeAsync()
    {
        callee = await SippPhone.StartSpeakingAsync("trunk_uas_ring_answer_listen.xml", "hello?");
        silo = await SipTrunkSilo.StartAsync("grains_safe_harbor", callee.Port);
    }

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        if (callee is not null) await callee.DisposeAsync();
    }

    [Fact]
    public async Task AnsweredWithNoAgentFree_HearsTheSafeHarborMessageWithinTwoSeconds_ThenBye_RecordedAbandoned()
    {
        var length = SpeechAudio.Render(Message).Duration.TotalSeconds;
        var notes = await AbandonWithSafeHarborAsync(Message, recording: null, length);
        Assert.Contains("safe-harbor", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnsweredWithNoAgentFree_HearsTheCampaignsRecording_InsteadOfItsText()
    {
        // An uploaded recording (3 s of tone here) wins over the text.
        var tone = AudioClip.Tone(600, TimeSpan.FromSeconds(3));
        var notes = await AbandonWithSafeHarborAsync(Message, G711.Encode(G711Law.MuLaw, tone.Samples.Span), 3.0);
        Assert.Contains("recorded safe-harbor", notes, StringComparison.Ordinal);
    }

    /// <summary>One Predictive call answered while its only agent stepped away; returns the call record's notes.</summary>
    private async Task<string?> AbandonWithSafeHarborAsync(string? message, byte[]? recording, double expectedSeconds)
    {
        var grains = silo!.Grains;
        var (list, leads) = await TestData.CreateListAsync(new LeadStore(silo.Database), 1);
        var campaign = await TestData.CreateCampaignAsync(grains, DialerType.Predictive, lists: [list.Id]);
        var definition = (await campaign.GetAsync()).Definition;
        await campaign.UpdateAsync(definition with
        {
            Retry = new RetryPolicy { MaxAttempts = 1 }, RingTimeoutSeconds = 10, AnsweringMachineDetection = false,
            SafeHarborMessage = message, Predictive = new PredictiveSettings { MinAgents = 1 },
        });
        if (recording is not null) await new SafeHarborAudioStore(silo.Database, TimeProvider.System).SaveAsync(campaign.GetPrimaryKeyString(), recording);
        var agent = await TestData.CreateAgentAsync(grains, "Only Agent");
        await agent.LoginAsync(campaign.GetPrimaryKeyString());
        await agent.ReadyAsync();
        await using var trace = await PacketTrace.StartAsync($"udp and (port {callee!.MediaPort} or port {callee.Port})");
        await campaign.StartAsync();

        // One call goes out for the one Ready agent; while it rings the agent steps away, so nobody is free at the answer.
        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()).CallsInFlight == 1, "the call for the Ready agent", 10000);
        await agent.PauseAsync("Break");

        await TestData.WaitUntilAsync(async () => (await campaign.GetStatsAsync()) is { CallsInFlight: 0, Counters.Dialed: 1 }, "the abandoned call to end", 30000);
        Assert.Equal(0, await callee.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var packets = await trace.StopAsync();

        var stats = await campaign.GetStatsAsync();
        Assert.Equal((1, 1, 0), (stats.Counters.Answered, stats.Counters.Abandoned, stats.Counters.Connected));
        Assert.Equal(1.0, stats.AbandonRate!.Today);
        await using var cmd = silo.Database.CreateCommand("SELECT call_id FROM call_records WHERE campaign_id = $1");
        cmd.Parameters.Add(new() { Value = campaign.GetPrimaryKeyString() });
        var callId = (string)(await cmd.ExecuteScalarAsync())!;
        var record = (await new CallRecordStore(silo.Database).GetAsync(callId))!;
        Assert.Equal((CallStatus.Completed, CallOutcome.Answered, "Abandoned"), (record.Status, record.Outcome, record.Disposition));
        Assert.Null(record.AgentId);
        // The lead is tried again later under the retry rules (here: out of attempts), not left Contacted.
        Assert.NotEqual(LeadStatus.Contacted, (await grains.GetGrain<ILeadGrain>(leads[0].Id).GetAsync()).Status);
        Assert.Equal(AgentStatus.Paused, (await agent.GetAsync()).Status);

        // On the wire: the person's hello marks the answer; our message starts within 2 s of it, lasts as long as the
        // message, and our BYE follows it.
        var heard = packets.Where(p => p.SourcePort == callee.MediaPort).ToList();
        var sent = packets.Where(p => p.DestinationPort == callee.MediaPort && p.SourcePort != callee.MediaPort).ToList();
        Assert.NotEmpty(heard);
        Assert.NotEmpty(sent);
        var seen = $"message {expectedSeconds:0.00} s; {sent.Count} RTP packets from {sent[0].Time - heard[0].Time:0.00} s to {sent[^1].Time - heard[0].Time:0.00} s after the answer";
        output.WriteLine(seen);
        Assert.True(sent[0].Time - heard[0].Time <= 2.0, seen);
        Assert.True(sent[^1].Time - sent[0].Time >= expectedSeconds - 0.5, seen);
        Assert.True(sent[^1].Time - sent[0].Time <= expectedSeconds + 1.0, seen);
        var bye = packets.FirstOrDefault(p => p.IsBye) ?? throw new Xunit.Sdk.XunitException("No BYE on the wire.");
        Assert.True(bye.Time >= sent[^1].Time - 0.1, "our BYE came after the message");
        Assert.True(bye.DestinationPort == callee.Port, "the BYE is ours, sent to the callee");
        return record.Notes;
    }
}
