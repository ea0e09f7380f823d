using System.Net;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Authentication;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.UserAgents;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>A real stack on loopback with fast timers and test media, for end-to-end tests.</summary>
public static class SipTestStack
{
    /// <summary>Timers a tenth of the RFC defaults: T1 = 50 ms, so 64·T1 = 3.2 s.</summary>
    public static SipTimerOptions FastTimers => SipTimerOptions.Fast(10);

    /// <summary>
    /// Timers for tests against sipp: T1 = 200 ms. sipp's scripted scenarios do not absorb a
    /// retransmitted INVITE or 200, which a 50 ms T1 provokes when a loaded machine delays sipp.
    /// </summary>
    public static SipTimerOptions SippTimers => SipTimerOptions.Fast(2.5);

    public static SipStack Start(IMediaEndpointFactory media, SipCredentials? credentials = null, TimeSpan? ringTimeout = null, bool tcp = false, SipTimerOptions? timers = null)
    {
        var options = new SipStackOptions
        {
            Udp = new IPEndPoint(IPAddress.Loopback, 0),
            Tcp = tcp ? new IPEndPoint(IPAddress.Loopback, FreePort.Next()) : null,
            Timers = timers ?? FastTimers,
            UserAgent = new SipUserAgentOptions
            {
                Credentials = credentials,
                DefaultRingTimeout = ringTimeout ?? TimeSpan.FromSeconds(10),
            },
        };
        return SipStack.Start(options, media, NullLoggerFactory.Instance);
    }
}
