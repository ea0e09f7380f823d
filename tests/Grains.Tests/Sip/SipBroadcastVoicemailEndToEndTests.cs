using ContactCenter.Grains.Pacing;
using System.Text.Json.Nodes;
using ContactCenter.Grains.Broadcast.Library;
using ContactCenter.Grains.Broadcast.Scripts;
using ContactCenter.Grains.Calls;
using ContactCenter.Grains.Campaigns;
using ContactCenter.Grains.Leads;
using ContactCenter.Grains.Tests.Sip.Support;
using ContactCenter.Grains.Tests.Support;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Tests.Integration.Support;
using ContactCenter.Telephony.Tests.Media.Support;
using Xunit.Abstractions;

namespace ContactCenter.Grains.Tests.Sip;

/// <summary>
/// A Broadcast call answered by an answering machine over the SIP trunk: a sipp UAS plays a recorded greeting (espeak-ng)
/// and a 1 kHz beep (sox). AMD says Machine; the script either leaves its message after the beep (spoken by espeak-ng
/// into the RTP stream, then our BYE) or hangs up at once. tcpdump on loopback is the witness of what went over the wire.
/// </summary>
public sealed class SipBroadcastVoicemailEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Message = "Hello, this is Ava from Acme Insurance. Please call us back about your renewal. Goodbye.";

    private static readonly TimeSpan BeepEnd = MachineGreetings.GreetingEnd(MachineGreetings.Short) + TimeSpan.FromSeconds(0.5);

    private TestSilo? silo;
    private SippPhone? machine;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts the sipp machine (a trunk_* scenario playing <paramref name="audio"/>) and a silo whose trunk dials it.</summary>
    private async Task StartMachineAsync(string scenario, ContactCenter.Telephony.Media.Audio.AudioClip audio)
    {
        machine = await SippPhone.StartPlayingAsync(scenario, audio);
silo = await SipTrunkSilo.StartAsync("grains_voicemail", machine.Port);
    }

    /// <summary>The machine of the beep tests: it keeps the line open after its beep (silence, as while recording) until our BYE.</summary>
    private Task StartBeepingMachineAsync() =>
        StartMachineAsync("trunk_uas_answer_play.xml", MachineGreetings.WithBeep(MachineGreetings.Short, beepSeconds: 0.5, silenceAfter: 12));

    public async Task DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
        if (machine is not null) await machine.DisposeAsync();
    }

    [Fact]
    public async Task Machine_ScriptLeavesMessage_MessageSpokenAfterTheBeep_ThenBye_RecordSaysVoicemailLeft()
    {
        await StartBeepingMachineAsync();
        await using var trace = await PacketTrace.StartAsync($"udp and (port {machine!.MediaPort} or port {machine.Port})");
        var (campaign, lead) = await StartCampaignAsync($"voicemail: {{action: leaveMessage, message: \"{Message}\"}}");

        var callId = await WaitForVoicemailRecordAsync(campaign);
        Assert.Equal(0, await machine.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var packets = await trace.StopAsync();

        var record = (await new CallRecordStore(silo!.Database).GetAsync(callId))!;
        Assert.Equal((CallStatus.Failed, CallOutcome.Voicemail), (record.Status, record.Outcome));
        Assert.Equal("Voicemail: message left", record.Notes);
        var details = JsonNode.Parse((await new CallRecordStore(silo.Database).GetDetailsAsync(callId))!)!;
        foreach (var line in details["transcript"]!.AsArray()) output.WriteLine($"{line!["speaker"]}: {line["text"]}");
        Assert.Equal("leaveMessage", details["voicemail"]!.GetValue<string>());
        Assert.Equal(Message, details["voicemailMessage"]!.GetValue<string>());
        var transcript = details["transcript"]!.AsArray().Select(t => (Speaker: t!["speaker"]!.GetValue<string>(), Text: t["text"]!.GetValue<string>())).ToList();
        var beep = transcript.FindIndex(t => t.Speaker == "system" && t.Text.StartsWith("answering machine beep (1000 Hz", StringComparison.Ordinal));
        var spoken = transcript.FindIndex(t => t.Speaker == "agent" && t.Text == Message);
        Assert.True(beep >= 0 && spoken > beep, "the transcript shows the beep, then the message");
        Assert.Equal(LeadStatus.New, (await silo.Grains.GetGrain<ILeadGrain>(lead).GetAsync()).Status);

        // On the wire: the machine's audio reached our RTP port; ours (the message) started after the beep ended, lasted
        // as long as the message, and our BYE followed it.
        var heard = packets.Where(p => p.SourcePort == machine.MediaPort).ToList();
        var sent = packets.Where(p => p.DestinationPort == machine.MediaPort && p.SourcePort != machine.MediaPort).ToList();
        Assert.NotEmpty(heard);
        var messageLength = SpeechAudio.Render(Message).Duration.TotalSeconds;
        var reported = details["voicemailSeconds"]!.GetValue<double>();
        Assert.NotEmpty(sent);
        var seen = $"message {messageLength:0.00} s, reported {reported:0.00} s, beep end {BeepEnd.TotalSeconds:0.00} s, {sent.Count} RTP packets sent from {sent[0].Time - heard[0].Time:0.00} s to {sent[^1].Time - heard[0].Time:0.00} s";
        output.WriteLine(seen);
        Assert.True(Math.Abs(reported - messageLength) <= 0.3, seen);
        // Every 20 ms frame of the message went out (tcpdump may have missed some on a busy machine, and says how many).
        Assert.True(sent.Count <= reported / 0.02 + 3 && sent.Count + trace.DroppedByKernel >= reported / 0.02 - 3, seen + $", {trace.DroppedByKernel} dropped by the kernel");
        // Not before the beep has ended; soon after it (a loaded machine may deliver frames a little late).
        Assert.True(sent[0].Time - heard[0].Time >= BeepEnd.TotalSeconds - 0.1 && sent[0].Time - heard[0].Time <= BeepEnd.TotalSeconds + 1.5, seen);
        Assert.True(sent[^1].Time - sent[0].Time >= reported - 0.3 && sent[^1].Time - sent[0].Time <= reported + 1.0, seen);
        // The first BYE (a loaded machine may retransmit it, RFC 3261 §17.1.2.2).
        var bye = packets.FirstOrDefault(p => p.IsBye) ?? throw new Xunit.Sdk.XunitException("No BYE on the wire.");
        Assert.True(bye.Time >= sent[^1].Time, "our BYE went out before the end of the message");
    }

    [Fact]
    public async Task Machine_ScriptHangsUp_ByeRightAfterDetection_NothingSpoken_RecordSaysHungUp()
    {
        await StartBeepingMachineAsync();
        await using var trace = await PacketTrace.StartAsync($"udp and (port {machine!.MediaPort} or port {machine.Port})");
        var (campaign, _) = await StartCampaignAsync("voicemail: {action: hangUp}");

        var callId = await WaitForVoicemailRecordAsync(campaign);
        Assert.Equal(0, await machine.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var packets = await trace.StopAsync();

        var record = (await new CallRecordStore(silo!.Database).GetAsync(callId))!;
        Assert.Equal((CallStatus.Failed, CallOutcome.Voicemail), (record.Status, record.Outcome));
        Assert.Equal("Voicemail: hung up", record.Notes);
        var details = JsonNode.Parse((await new CallRecordStore(silo.Database).GetDetailsAsync(callId))!)!;
        Assert.Equal("hangUp", details["voicemail"]!.GetValue<string>());
        Assert.Null(details["voicemailMessage"]);

        var heard = packets.Where(p => p.SourcePort == machine.MediaPort).ToList();
        Assert.NotEmpty(heard);
        Assert.DoesNotContain(packets, p => p.DestinationPort == machine.MediaPort && p.SourcePort != machine.MediaPort);
        // The first BYE (a loaded machine may retransmit it, RFC 3261 §17.1.2.2).
        var bye = packets.FirstOrDefault(p => p.IsBye) ?? throw new Xunit.Sdk.XunitException("No BYE on the wire.");
        // AMD decides within its analysis time (three words of the greeting); the BYE follows at once, long before the beep.
        Assert.InRange(bye.Time - heard[0].Time, 0, BeepEnd.TotalSeconds - 0.5);
    }

    [Fact]
    public async Task MachineHangsUpDuringItsGreeting_WaitForTheBeepStopped_NothingSpoken_RecordSaysNotLeft()
    {
        // A long greeting with no beep; the machine hangs up 4 s after answering, while we wait for the greeting to end.
        await StartMachineAsync("trunk_uas_machine_hangs_up.xml", MachineGreetings.WithoutBeep(MachineGreetings.Long));
        await using var trace = await PacketTrace.StartAsync($"udp and (port {machine!.MediaPort} or port {machine.Port})");
        var (campaign, _) = await StartCampaignAsync($"voicemail: {{action: leaveMessage, message: \"{Message}\"}}");

        var callId = await WaitForVoicemailRecordAsync(campaign);
        Assert.Equal(0, await machine.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var packets = await trace.StopAsync();

        var record = (await new CallRecordStore(silo!.Database).GetAsync(callId))!;
        Assert.Equal((CallStatus.Failed, CallOutcome.Voicemail), (record.Status, record.Outcome));
        Assert.Equal("Voicemail: message not left", record.Notes);
        var details = JsonNode.Parse((await new CallRecordStore(silo.Database).GetDetailsAsync(callId))!)!;
        Assert.Equal("leaveMessage", details["voicemail"]!.GetValue<string>());
        Assert.Null(details["voicemailMessage"]);
        Assert.Null(details["voicemailSeconds"]);
        var transcript = details["transcript"]!.AsArray();
        foreach (var line in transcript) output.WriteLine($"{line!["speaker"]}: {line["text"]}");
        Assert.DoesNotContain(transcript, t => t!["speaker"]!.GetValue<string>() == "agent");
        // Either the media ending or the carrier's HungUp stops the wait first; both say why nothing was left.
        Assert.Contains(transcript, t => t!["speaker"]!.GetValue<string>() == "system" && t["text"]!.GetValue<string>().EndsWith("before the message was left", StringComparison.Ordinal));
        // Nothing of ours on the wire but signalling: the machine's BYE, our 200 OK.
        Assert.DoesNotContain(packets, p => p.DestinationPort == machine.MediaPort && p.SourcePort != machine.MediaPort);
    }

    private async Task<(ICampaignGrain Campaign, long Lead)> StartCampaignAsync(string voicemail)
    {
        var yaml = $"""
            version: 1
            name: voicemail offer
            greeting: Hello, this is Ava from Acme.
            start: bye
            {voicemail}
            dispositions:
              completed: Sale
              voicemail: Voicemail
              hangup: No Answer
            nodes:
              - id: bye
                kind: end
                outcome: completed
                closing: Goodbye.
            """;
        var leads = new LeadStore(silo!.Database);
        var (list, listLeads) = await TestData.CreateListAsync(leads, 1);
        var lead = listLeads[0];
        var scriptId = await TestData.SaveScriptAsync(silo.Database, yaml);
        var campaign = silo.Grains.GetGrain<ICampaignGrain>(TestData.NewId("voicemail"));
        await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "Voicemail broadcast", DialerType = DialerType.Broadcast, CallerId = "+12125550000", ListIds = [list.Id],
            CallingWindow = new CallingWindow { Start = "00:00", End = "23:59" }, AgentScriptId = scriptId,
            MaxCallsPerSecond = 1, MaxConcurrentCalls = 1, RingTimeoutSeconds = 10, AnsweringMachineDetection = true,
            Retry = new ContactCenter.Grains.Leads.RetryPolicy { MaxAttempts = 3 },
        });
        await campaign.StartAsync();
        return (campaign, lead.Id);
    }

    private async Task<string> WaitForVoicemailRecordAsync(ICampaignGrain campaign)
    {
        string? callId = null;
        try
        {
            await TestData.WaitUntilAsync(async () =>
            {
                await using var cmd = silo!.Database.CreateCommand("SELECT call_id FROM call_records WHERE campaign_id = $1 AND details ? 'voicemail'");
                cmd.Parameters.Add(new() { Value = campaign.GetPrimaryKeyString() });
                return (callId = await cmd.ExecuteScalarAsync() as string) is not null;
            }, "the voicemail on the call record", 25000);
        }
        catch (Xunit.Sdk.FailException)
        {
            throw new TimeoutException($"No voicemail on the record.\nsipp: {machine!.Output}");
        }
        return callId!;
    }
}
