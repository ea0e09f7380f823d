namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>One header field: a canonical name and its value text (without folding).</summary>
public readonly record struct SipHeader(string Name, string Value);
