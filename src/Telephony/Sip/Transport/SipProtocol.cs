namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>The transport a message travels on; the Via transport token is the upper-case name.</summary>
public enum SipProtocol
{
    Udp,
    Tcp,
}
