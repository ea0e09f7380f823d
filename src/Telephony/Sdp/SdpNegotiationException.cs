namespace ContactCenter.Telephony.Sdp;

/// <summary>Offer and answer share no usable audio (a UAS answers 488, RFC 3261 §13.3.1.1).</summary>
public sealed class SdpNegotiationException(string message) : Exception(message);
