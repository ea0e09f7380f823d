using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>The real sipp calls our UAS with its built-in client scenario (-sn uac).</summary>
[Collection(SippCollection.Name)]
public sealed class SippUasScenarioTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly UdpMediaEndpointFactory media = new();
    private readonly RecordingCallEventSink events = new();
    private SipStack? stack;
    private SippProcess? sipp;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (sipp is not null) await sipp.DisposeAsync();
        if (stack is not null) await stack.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SippCalls_WeRingAndAnswer_SippHangsUp(bool tcp)
    {
        stack = SipTestStack.Start(media, tcp: tcp, timers: SipTestStack.SippTimers);
        stack.UserAgent.InboundCallEvents = events;
        var calls = new TaskCompletionSource<SipInboundCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.UserAgent.IncomingCall = async call =>
        {
            calls.TrySetResult(call);
            await call.RingAsync();
            await call.AnswerAsync();
        };

        var protocol = tcp ? SipProtocol.Tcp : SipProtocol.Udp;
        var local = stack.LocalEndPoint(protocol);
        sipp = SippProcess.StartBuiltInClient($"127.0.0.1:{local.Port}", "agent7", tcp ? ["-t", "t1"] : []);

        var call = await calls.Task.WaitAsync(Wait);
        Assert.Equal("agent7", call.Called.User);
        Assert.Equal(CallOutcome.Answered, await call.Ended.WaitAsync(Wait));
        var exit = await sipp.WaitForExitAsync(Wait);
        Assert.True(exit == 0, $"sipp exited with {exit}\n{sipp.Output}");

        var applied = Assert.Single(media.Created[call.Id].Applied);
        Assert.Equal(sipp.MediaPort, applied.RemoteRtp.Port);
        Assert.Equal("PCMU", applied.Codec.Name);
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.HungUp], events.Kinds);
        Assert.Equal(0, stack.UserAgent.ActiveCallCount);
    }

    [Fact]
    public async Task SippCallsTwentyTimesConcurrently_AllAnsweredAndCleanedUp()
    {
        stack = SipTestStack.Start(media, timers: SipTestStack.SippTimers);
        var answered = 0;
        stack.UserAgent.IncomingCall = async call =>
        {
            await call.RingAsync();
            if (await call.AnswerAsync()) Interlocked.Increment(ref answered);
        };
        var target = $"127.0.0.1:{stack.LocalEndPoint(SipProtocol.Udp).Port}";

        // 20 calls at 40 per second, up to 10 at a time, each held for 200 ms.
        sipp = SippProcess.Start([target, "-sn", "uac", "-s", "queue", "-r", "40", "-l", "10", "-d", "200"], calls: 20);

        var exit = await sipp.WaitForExitAsync(Wait);
        Assert.True(exit == 0, $"sipp exited with {exit}\n{sipp.Output}");
        Assert.Equal(20, answered);
        for (var i = 0; i < 300 && stack.UserAgent.ActiveCallCount > 0; i++) await Task.Delay(10);
        Assert.Equal(0, stack.UserAgent.ActiveCallCount);
    }

    [Fact]
    public async Task SippCallsAndPlaysAudio_RtpReachesOurMediaPort()
    {
        stack = SipTestStack.Start(media, timers: SipTestStack.SippTimers);
        var answered = new TaskCompletionSource<SipInboundCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.UserAgent.IncomingCall = async call =>
        {
            await call.AnswerAsync();
            answered.TrySetResult(call);
        };
        var folder = Directory.CreateTempSubdirectory("sipp-audio-");
        try
        {
            TestAudio.WriteToneWav(Path.Combine(folder.FullName, "tone.wav"), TimeSpan.FromSeconds(1));
            var target = $"127.0.0.1:{stack.LocalEndPoint(SipProtocol.Udp).Port}";
            sipp = SippProcess.Start([target, "-sf", Path.Combine(SippProcess.ScenarioDirectory, "uac_play_audio.xml"), "-s", "ivr"], workingDirectory: folder.FullName);

            var call = await answered.Task.WaitAsync(Wait);
            var endpoint = media.Created[call.Id];
            var exit = await sipp.WaitForExitAsync(Wait);
            Assert.True(exit == 0, $"sipp exited with {exit}\n{sipp.Output}");
            await call.Ended.WaitAsync(Wait);

            // One second of 20 ms packets is 50; allow for the stream being cut by the BYE.
            Assert.InRange(endpoint.PacketsReceived, 30, 60);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SippCalls_WeReject_SippSeesFailure()
    {
        stack = SipTestStack.Start(media, timers: SipTestStack.SippTimers);
        stack.UserAgent.InboundCallEvents = events;
        stack.UserAgent.IncomingCall = call => call.RejectAsync(486);

        sipp = SippProcess.StartBuiltInClient($"127.0.0.1:{stack.LocalEndPoint(SipProtocol.Udp).Port}");

        // sipp's uac scenario expects 200, so a 486 is a failed call for it (exit code 1).
        Assert.Equal(1, await sipp.WaitForExitAsync(Wait));
        for (var i = 0; i < 500 && events.Events.Count == 0; i++) await Task.Delay(10);
        Assert.Equal(CallOutcome.Busy, Assert.Single(events.Events).Outcome);
        Assert.Equal(0, stack.UserAgent.ActiveCallCount);
    }
}
