using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

public sealed class CallOutcomesTests
{
    [Theory]
    [InlineData(200, false, CallOutcome.Answered)]
    [InlineData(486, false, CallOutcome.Busy)]
    [InlineData(600, false, CallOutcome.Busy)]
    [InlineData(480, false, CallOutcome.NoAnswer)]
    [InlineData(408, false, CallOutcome.NoAnswer)]
    [InlineData(404, false, CallOutcome.InvalidNumber)]
    [InlineData(484, false, CallOutcome.InvalidNumber)]
    [InlineData(403, false, CallOutcome.Rejected)]
    [InlineData(603, false, CallOutcome.Rejected)]
    [InlineData(500, false, CallOutcome.CarrierError)]
    [InlineData(503, false, CallOutcome.CarrierError)]
    [InlineData(488, false, CallOutcome.CarrierError)]
    [InlineData(487, false, CallOutcome.Cancelled)]
    [InlineData(487, true, CallOutcome.NoAnswer)]
    public void FromStatus_MapsDialerOutcomes(int status, bool ringTimedOut, CallOutcome expected)
    {
        Assert.Equal(expected, CallOutcomes.FromStatus(status, ringTimedOut));
    }
}
