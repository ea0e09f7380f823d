namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>Method names (RFC 3261 §7.1 and the extensions we recognise).</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Update = "UPDATE";
    public const string Prack = "PRACK";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Publish = "PUBLISH";

    /// <summary>
    /// Methods we know. A known method we do not implement gets 405 with Allow; an unknown one
    /// gets 501 (RFC 3261 §8.2.1, §21.4.6, §21.5.2).
    /// </summary>
    public static bool IsKnown(string method) =>
        method is Invite or Ack or Bye or Cancel or Options or Register or Info or Update or Prack
            or Subscribe or Notify or Refer or Message or Publish;
}
