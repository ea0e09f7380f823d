using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>Receives parsed messages from <see cref="SipTransport"/>; the transaction layer implements it.</summary>
public interface ISipMessageHandler
{
    ValueTask OnRequestAsync(SipRequest request, SipRemote source);

    ValueTask OnResponseAsync(SipResponse response, SipRemote source);
}
