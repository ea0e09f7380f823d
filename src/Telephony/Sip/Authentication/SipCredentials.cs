namespace ContactCenter.Telephony.Sip.Authentication;

/// <summary>A SIP account's digest credentials. The realm, when set, limits them to one realm.</summary>
public sealed record SipCredentials(string UserName, string Password, string? Realm = null)
{
    // Keep the password out of logs and test output.
    public override string ToString() => $"{UserName}@{Realm ?? "*"}";
}
