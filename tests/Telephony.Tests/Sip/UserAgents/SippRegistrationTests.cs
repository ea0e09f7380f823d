using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Telephony.Tests.Sip.UserAgents;

/// <summary>REGISTER with digest, refresh and removal against sipp as a registrar.</summary>
[Collection(SippCollection.Name)]
public sealed class SippRegistrationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Register_AuthenticatesRefreshesAndUnregisters()
    {
        await using var stack = SipTestStack.Start(new UdpMediaEndpointFactory(), new SipCredentials("dialer", "s3cret"), timers: SipTestStack.SippTimers);
        await using var sipp = SippProcess.StartScenario("uas_registrar.xml");
        await sipp.WaitUntilListeningAsync();
        var registrar = SipUri.Parse($"sip:127.0.0.1:{sipp.Port}");
        await using var registration = stack.UserAgent.CreateRegistration(new SipRegistrationOptions(registrar, SipUri.Parse("sip:dialer@carrier.test")) { Expires = TimeSpan.FromSeconds(60) });

        Assert.True(await registration.RegisterAsync().WaitAsync(Wait));
        Assert.True(registration.IsRegistered);
        // The registrar granted one second, so the refresh comes after half a second.
        for (var i = 0; i < 300 && registration.SuccessfulRegistrations < 2; i++) await Task.Delay(10);
        Assert.Equal(2, registration.SuccessfulRegistrations);

        Assert.True(await registration.UnregisterAsync().WaitAsync(Wait));
        Assert.False(registration.IsRegistered);
        var exit = await sipp.WaitForExitAsync(Wait);
        Assert.True(exit == 0, $"sipp exited with {exit}\n{sipp.Output}");
    }
}
