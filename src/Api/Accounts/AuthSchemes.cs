namespace ContactCenter.Api.Accounts;

/// <summary>Names of the authentication schemes: the browser session, API keys, and the one that picks between them.</summary>
public static class AuthSchemes
{
    public const string Session = "Session";
    public const string ApiKey = "ApiKey";
    public const string Either = "SessionOrApiKey";
    public const string SessionCookie = "cc.session";
}
