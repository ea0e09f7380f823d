using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Tests.Integration.Support;
using ContactCenter.Telephony.Tests.Media.Amd;
using ContactCenter.Telephony.Tests.Sip.Support;
using MachineGreetings = ContactCenter.Telephony.Tests.Media.Support.MachineGreetings;
using SpeechAudio = ContactCenter.Telephony.Tests.Media.Support.SpeechAudio;

namespace ContactCenter.Telephony.Tests.Integration;

/// <summary>
/// Answered outbound calls through the trunk carrier, screened by AMD on the real RTP that sipp
/// plays after its 200 OK: espeak-ng speech rendered to µ-law with sox.
/// </summary>
[Collection(SippCollection.Name)]
public sealed class AnsweringMachineScreeningSippTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static AudioClip Silence(double seconds) => AudioClip.Silence(TimeSpan.FromSeconds(seconds));

    private static async Task<(TrunkHarness Trunk, SippProcess Sipp)> StartAsync(SippAudioFolder audio, bool amd)
    {
        var sipp = SippProcess.Start(["-sf", Path.Combine(SippProcess.ScenarioDirectory, "trunk_uas_answer_play.xml")], audio.Path);
        await sipp.WaitUntilListeningAsync();
        return (TrunkHarness.Start(sipp.Port, amd), sipp);
    }

    [Fact]
    public async Task HumanSaysHello_WithAmd_IsReportedAnsweredAfterScreening()
    {
        using var audio = new SippAudioFolder(Silence(0.3).Append(SpeechAudio.Render("Hello?")).Append(Silence(2.5)));
        var (trunk, sipp) = await StartAsync(audio, amd: true);
        await using var _ = trunk;
        await using var __ = sipp;

        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("human-1", "c1", "+12125550123", ""));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.Answered) || trunk.Events.Kinds.Contains(CallEventKind.Failed), "a screening result", Wait);

        var answered = Assert.Single(trunk.Events.Events, e => e.Kind == CallEventKind.Answered);
        Assert.Contains("AMD Human", answered.Detail);
        Assert.DoesNotContain(CallEventKind.Failed, trunk.Events.Kinds);
        await trunk.Carrier.HangUpAsync("human-1");
        Assert.Equal(0, await sipp.WaitForExitAsync(Wait));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.HungUp), "the hang-up event", Wait);
    }

    [Fact]
    public async Task VoicemailGreetingWithBeep_WithAmd_IsVoicemail_AndTheCallIsHungUp()
    {
        using var audio = new SippAudioFolder(AnsweringMachineDetectorTests.VoicemailAnswer());
        var (trunk, sipp) = await StartAsync(audio, amd: true);
        await using var _ = trunk;
        await using var __ = sipp;

        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("machine-1", "c1", "+12125550124", "+12125550199"));

        // sipp only exits 0 once our BYE arrived: the carrier hung up on the machine by itself.
        Assert.True(0 == await sipp.WaitForExitAsync(Wait), string.Join(", ", trunk.Events.Events) + "\n" + sipp.Output);
        await Eventually.TrueAsync(() => trunk.Stack.UserAgent.ActiveCallCount == 0, "the call to end", Wait,
            () => $"{trunk.Stack.UserAgent.FindCall("machine-1")?.State} {(trunk.Stack.UserAgent.FindCall("machine-1")?.Media as Trunk.RtpMediaEndpoint)?.Session.GetStatistics()} " + string.Join(", ", trunk.Events.Events) + sipp.Output);
        var failed = Assert.Single(trunk.Events.Events, e => e.Kind == CallEventKind.Failed);
        Assert.Equal(CallOutcome.Voicemail, failed.Outcome);
        Assert.Contains("AMD Machine", failed.Detail);
        // The dialer never hears of an answer or of our own BYE: a voicemail is a failed attempt.
        Assert.DoesNotContain(CallEventKind.Answered, trunk.Events.Kinds);
        Assert.DoesNotContain(CallEventKind.HungUp, trunk.Events.Kinds);
    }

    [Fact]
    public async Task MachineKeptUpWhenAsked_AnsweredAsVoicemail_MessageSentAfterTheBeep_ThenOurBye()
    {
        var beepEnd = MachineGreetings.GreetingEnd(MachineGreetings.Short) + TimeSpan.FromSeconds(0.5);
        using var audio = new SippAudioFolder(MachineGreetings.WithBeep(MachineGreetings.Short, beepSeconds: 0.5, silenceAfter: 3));
        var (trunk, sipp) = await StartAsync(audio, amd: true);
        await using var _ = trunk;
        await using var __ = sipp;
        await using var trace = await PacketTrace.StartAsync($"udp and (port {sipp.MediaPort} or port {sipp.Port})");

        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("machine-2", "c1", "+12125550126", "", StayOnAnsweringMachine: true));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.Answered), "the machine's answer", Wait);

        var answered = Assert.Single(trunk.Events.Events, e => e.Kind == CallEventKind.Answered);
        Assert.Equal(CallOutcome.Voicemail, answered.Outcome);
        Assert.Contains("AMD Machine", answered.Detail);
        var media = trunk.Carrier.GetMedia("machine-2") ?? throw new Xunit.Sdk.XunitException("The machine's call was not kept up.");
        var ourPort = media.Session.LocalEndPoint.Port;
        var end = await media.Session.WaitForGreetingEndAsync();
        Assert.Equal(GreetingEndKind.Beep, end.Kind);
        var message = AudioClip.Tone(600, TimeSpan.FromSeconds(2));
        await media.Session.PlayAsync(message);
        await trunk.Carrier.HangUpAsync("machine-2");
        Assert.Equal(0, await sipp.WaitForExitAsync(Wait));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.HungUp), "the hang-up event", Wait);

        var packets = await trace.StopAsync();
        var heard = packets.Where(p => p.DestinationPort == ourPort).ToList();
        var sent = packets.Where(p => p.SourcePort == ourPort && p.DestinationPort == sipp.MediaPort).ToList();
        Assert.NotEmpty(heard);
        Assert.NotEmpty(sent);
        var t0 = heard[0].Time;
        var seen = $"beep end {beepEnd.TotalSeconds:0.00} s; {end}; {sent.Count} packets sent from {sent[0].Time - t0:0.00} s to {sent[^1].Time - t0:0.00} s";
        // Every 20 ms frame of the 2 s message on the wire, and nothing else from our RTP port.
        // (tcpdump may have missed some on a busy machine, and says how many)
        Assert.True(sent.Count <= 102 && sent.Count + trace.DroppedByKernel >= 98, seen + $", {trace.DroppedByKernel} dropped by the kernel");
        // Not before the beep has ended; soon after it (a loaded machine may deliver frames a little late).
        Assert.True(sent[0].Time - t0 >= beepEnd.TotalSeconds - 0.1 && sent[0].Time - t0 <= beepEnd.TotalSeconds + 1.5, seen);
        Assert.True(sent[^1].Time - sent[0].Time is >= 1.8 and <= 3.0, seen);
        // The first BYE (a loaded machine may retransmit it, RFC 3261 §17.1.2.2).
        var bye = packets.FirstOrDefault(p => p.IsBye) ?? throw new Xunit.Sdk.XunitException("No BYE on the wire.");
        Assert.True(bye.Time >= sent[^1].Time, "our BYE went out before the end of the message");
    }

    [Fact]
    public async Task RequestOptsOutOfAmd_VoicemailIsReportedAnsweredAt200Ok()
    {
        using var audio = new SippAudioFolder(AnsweringMachineDetectorTests.VoicemailAnswer());
        var (trunk, sipp) = await StartAsync(audio, amd: true);
        await using var _ = trunk;
        await using var __ = sipp;

        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("plain-1", "c1", "+12125550125", "", DetectAnsweringMachine: false));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.Answered), "the answer", Wait);

        Assert.StartsWith("200", trunk.Events.Events.Single(e => e.Kind == CallEventKind.Answered).Detail);
        await trunk.Carrier.HangUpAsync("plain-1");
        Assert.Equal(0, await sipp.WaitForExitAsync(Wait));
    }

    [Fact]
    public async Task NonE164Destination_IsRefusedBeforeAnyInvite()
    {
        await using var trunk = TrunkHarness.Start(5060);
        await Assert.ThrowsAsync<ArgumentException>(() => trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("bad-1", "c1", "555-CALL-ME", "")));
        Assert.Equal(0, trunk.Stack.UserAgent.ActiveCallCount);
    }
}
