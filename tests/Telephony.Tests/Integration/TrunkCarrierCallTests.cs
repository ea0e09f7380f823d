using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Integration.Support;

namespace ContactCenter.Telephony.Tests.Integration;

/// <summary>
/// The product's trunk carrier, driven through <see cref="ICarrier"/> as the call grains drive it, placing calls
/// over SIP to our own user agent: the outcomes a campaign sees, and hang-up from either side.
/// </summary>
public sealed class TrunkCarrierCallTests : TrunkToFarEnd
{
    [Fact]
    public async Task Answered_EventsCarryOurCallId_CarrierHangsUp_FarEndGetsBye()
    {
        await Carrier.PlaceCallAsync(new OutboundCallRequest("call-42", "campaign-1", "+15550002222", "+15550001111"));
        await WaitForEventAsync(CallEventKind.Answered);

        var farCall = await Far.CallTo("+15550002222").WaitAsync(Wait);
        Assert.Equal("+15550001111", farCall.Caller.Uri.User);
        await Carrier.HangUpAsync("call-42");

        Assert.Equal(CallOutcome.Answered, await farCall.Ended.WaitAsync(Wait));
        await WaitForEventAsync(CallEventKind.HungUp);
        Assert.All(Trunk.Events.Events, e => Assert.Equal("call-42", e.CallId));
        var kinds = Trunk.Events.Kinds.ToList();
        Assert.True(kinds.IndexOf(CallEventKind.Ringing) < kinds.IndexOf(CallEventKind.Answered), string.Join(", ", kinds));
        Assert.Equal(CallEventKind.HungUp, kinds[^1]);
        await Eventually.TrueAsync(() => Trunk.Media.ActiveEndpoints == 0, "our RTP to be released", Wait);
    }

    [Fact]
    public async Task Answered_FarEndHangsUp_ReportedHungUp_AndMediaReleased()
    {
        await Carrier.PlaceCallAsync(new OutboundCallRequest("call-43", "campaign-1", "+15550002223", "+15550001111"));
        await WaitForEventAsync(CallEventKind.Answered);
        var farCall = await Far.CallTo("+15550002223").WaitAsync(Wait);
        await Eventually.TrueAsync(() => farCall.State == SipCallState.Established, "the far end to see the ACK", Wait);

        await farCall.HangUpAsync();

        await WaitForEventAsync(CallEventKind.HungUp);
        Assert.Null(Trunk.Carrier.GetMedia("call-43"));
        await Eventually.TrueAsync(() => Trunk.Media.ActiveEndpoints == 0, "our RTP to be released", Wait);
        // Hanging up a call that already ended is a no-op, as the grain may ask late.
        await Carrier.HangUpAsync("call-43");
    }

    [Fact]
    public async Task Busy_ReportedFailedBusy_WithoutAnswer()
    {
        await Carrier.PlaceCallAsync(new OutboundCallRequest("call-44", "campaign-1", FarEnd.BusyNumber, "+15550001111"));

        var failed = await WaitForEventAsync(CallEventKind.Failed);
        Assert.Equal(CallOutcome.Busy, failed.Outcome);
        Assert.DoesNotContain(CallEventKind.Answered, Trunk.Events.Kinds);
        await Eventually.TrueAsync(() => Trunk.Stack.UserAgent.ActiveCallCount == 0, "the call to be forgotten", Wait);
    }

    [Fact]
    public async Task NotAnsweredWithinRingTimeout_ReportedFailedNoAnswer_AndCancelled()
    {
        await Carrier.PlaceCallAsync(new OutboundCallRequest("call-45", "campaign-1", FarEnd.UnansweredNumber, "+15550001111", RingTimeout: TimeSpan.FromSeconds(1)));

        var failed = await WaitForEventAsync(CallEventKind.Failed);
        Assert.Equal(CallOutcome.NoAnswer, failed.Outcome);
        var farCall = await Far.CallTo(FarEnd.UnansweredNumber).WaitAsync(Wait);
        await farCall.Ended.WaitAsync(Wait);
    }

    [Fact]
    public async Task CarrierHangsUpWhileRinging_CancelsTheInvite()
    {
        await Carrier.PlaceCallAsync(new OutboundCallRequest("call-46", "campaign-1", FarEnd.UnansweredNumber, "+15550001111"));
        await WaitForEventAsync(CallEventKind.Ringing);

        await Carrier.HangUpAsync("call-46");

        var failed = await WaitForEventAsync(CallEventKind.Failed);
        Assert.Equal(CallOutcome.Cancelled, failed.Outcome);
        var farCall = await Far.CallTo(FarEnd.UnansweredNumber).WaitAsync(Wait);
        await farCall.Ended.WaitAsync(Wait);
    }

    [Theory]
    [InlineData("5550002222", "+15550001111")]
    [InlineData("+1555 000", "+15550001111")]
    [InlineData("+1555@evil", "+15550001111")]
    [InlineData("+15550002222", "+1555@evil")]
    public async Task NonE164Number_RefusedBeforeAnyInvite(string destination, string callerId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Carrier.PlaceCallAsync(new OutboundCallRequest("call-47", "c", destination, callerId)));
        Assert.Equal(0, Trunk.Stack.UserAgent.ActiveCallCount);
    }
}
