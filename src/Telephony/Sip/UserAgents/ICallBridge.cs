namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// Joins the media of two established calls (customer and agent leg) so each hears the other.
/// Implemented by the media layer over the calls' <see cref="SipCall.Media"/> endpoints.
/// </summary>
public interface ICallBridge
{
    ValueTask BridgeAsync(SipCall customer, SipCall agent, CancellationToken cancellationToken = default);
}
