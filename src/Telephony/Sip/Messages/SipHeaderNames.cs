using System.Collections.Frozen;

namespace ContactCenter.Telephony.Sip.Messages;

/// <summary>Canonical header names and the compact forms of RFC 3261 §7.3.3 (plus RFC 3265/3515).</summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string MaxForwards = "Max-Forwards";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string Subject = "Subject";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string Expires = "Expires";
    public const string PAssertedIdentity = "P-Asserted-Identity";
    public const string Event = "Event";
    public const string ReferTo = "Refer-To";
    public const string Unsupported = "Unsupported";

    private static readonly FrozenDictionary<string, string> Canonical = new[]
    {
        Via, From, To, CallId, CSeq, Contact, ContentLength, ContentType, ContentEncoding, MaxForwards,
        Route, RecordRoute, Supported, Require, Subject, Allow, Accept, Authorization, ProxyAuthorization,
        WwwAuthenticate, ProxyAuthenticate, UserAgent, Server, Expires, PAssertedIdentity, Event, ReferTo, Unsupported,
    }.ToFrozenDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    // RFC 3261 §7.3.3 compact forms; o and r come from RFC 3265 and RFC 3515.
    private static readonly FrozenDictionary<string, string> Compact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["i"] = CallId, ["m"] = Contact, ["v"] = Via, ["f"] = From, ["t"] = To, ["l"] = ContentLength,
        ["c"] = ContentType, ["k"] = Supported, ["s"] = Subject, ["e"] = ContentEncoding, ["o"] = Event, ["r"] = ReferTo,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps a received name (any case, long or compact) to the name we store and write.</summary>
    public static string Normalize(string name) =>
        Canonical.TryGetValue(name, out var canonical) ? canonical
        : Compact.TryGetValue(name, out var expanded) ? expanded
        : name;

    /// <summary>
    /// Headers whose comma-joined values are separate entries (RFC 3261 §7.3.1). Authentication
    /// headers are not: their commas separate parameters of one challenge.
    /// </summary>
    internal static bool IsCommaList(string canonicalName) =>
        canonicalName is Via or Route or RecordRoute or Contact;
}
