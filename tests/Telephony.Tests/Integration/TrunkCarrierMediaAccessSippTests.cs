using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Tests.Integration.Support;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Integration;

/// <summary>The trunk carrier hands the live media of an answered call to code in the same process (the AI voice agent).</summary>
[Collection(SippCollection.Name)]
public sealed class TrunkCarrierMediaAccessSippTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnsweredCall_GetMedia_GivesTheCallersAudio_UntilTheCallEnds()
    {
        using var audio = new SippAudioFolder(AudioClip.Tone(440, TimeSpan.FromSeconds(3)));
        await using var sipp = SippProcess.Start(["-sf", Path.Combine(SippProcess.ScenarioDirectory, "trunk_uas_answer_play.xml")], audio.Path);
        await sipp.WaitUntilListeningAsync();
        await using var trunk = TrunkHarness.Start(sipp.Port);
        ICallMediaAccess access = trunk.Carrier;
        Assert.Null(access.GetMedia("media-1"));

        await trunk.Carrier.PlaceCallAsync(new OutboundCallRequest("media-1", "c1", "+12125550141", ""));
        await Eventually.TrueAsync(() => trunk.Events.Kinds.Contains(CallEventKind.Answered), "the answer", Wait);
        var media = access.GetMedia("media-1");
        Assert.NotNull(media);
        Assert.Null(access.GetMedia("some-other-call"));
        var frames = 0;
        media.Session.AudioReceived += _ => Interlocked.Increment(ref frames);
        await Eventually.TrueAsync(() => Volatile.Read(ref frames) >= 10, "the caller's audio through the media", Wait);
        Assert.False(media.Ended.IsCompleted);

        await trunk.Carrier.HangUpAsync("media-1");
        await media.Ended.WaitAsync(Wait);
        Assert.Null(access.GetMedia("media-1"));
        Assert.Equal(0, await sipp.WaitForExitAsync(Wait));
    }
}
