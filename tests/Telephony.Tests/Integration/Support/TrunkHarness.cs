using System.Net;
using ContactCenter.Telephony.AgentPhones;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Tests.Sip.Support;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Telephony.Tests.Integration.Support;

/// <summary>The product's trunk carrier on loopback (real SIP stack, real RTP) aimed at a sipp "carrier".</summary>
public sealed class TrunkHarness : IAsyncDisposable
{
    private TrunkHarness(SipStack stack, RtpMediaEndpointFactory media, AgentPhoneChannels agents, TrunkCarrier carrier, RecordingCallEventSink events)
    {
        Stack = stack;
        Media = media;
        Agents = agents;
        Carrier = carrier;
        Events = events;
    }

    public SipStack Stack { get; }

    public RtpMediaEndpointFactory Media { get; }

    public AgentPhoneChannels Agents { get; }

    public TrunkCarrier Carrier { get; }

    public RecordingCallEventSink Events { get; }

    /// <param name="trunkPort">sipp's SIP port on 127.0.0.1.</param>
    /// <param name="detectAnsweringMachine">The carrier's AMD default.</param>
    public static TrunkHarness Start(int trunkPort, bool detectAnsweringMachine = false)
    {
        var media = new RtpMediaEndpointFactory(RtpPortRange.LoopbackAnyPort);
        var stack = SipStack.Start(new SipStackOptions
        {
            Udp = new IPEndPoint(IPAddress.Loopback, 0),
            // RFC timers (T1 = 500 ms): with faster ones a just-started sipp sees INVITE retransmissions it does not expect.
            Timers = SipTimerOptions.Default,
            UserAgent = new SipUserAgentOptions { DefaultRingTimeout = TimeSpan.FromSeconds(5) },
        }, media, NullLoggerFactory.Instance);
        var events = new RecordingCallEventSink();
        var agents = new AgentPhoneChannels(stack.UserAgent, new AgentPhoneChannelOptions { RingTimeout = TimeSpan.FromSeconds(5) }, NullLoggerFactory.Instance);
        var carrier = new TrunkCarrier(stack.UserAgent, new TrunkCarrierOptions(SipUri.Parse($"sip:127.0.0.1:{trunkPort}"))
        {
            DefaultCallerId = "+12125550100",
            DetectAnsweringMachine = detectAnsweringMachine,
            Amd = new AmdOptions(),
        }, events, agents, NullLogger<TrunkCarrier>.Instance);
        return new TrunkHarness(stack, media, agents, carrier, events);
    }

    public async ValueTask DisposeAsync()
    {
        await Agents.DisposeAsync();
        await Stack.DisposeAsync();
    }
}
