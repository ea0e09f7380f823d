namespace ContactCenter.Telephony.Rtp;

/// <summary>A datagram that is not a valid RTP or RTCP packet; the message names the rule it breaks.</summary>
public sealed class RtpFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RtpFormatException(string message) : base(message)
    {
    }
}
