namespace ContactCenter.Telephony.Sdp;

/// <summary>The one error type the SDP parser raises for malformed input.</summary>
public sealed class SdpParseException(string message) : Exception(message);
