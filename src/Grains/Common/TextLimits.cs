namespace ContactCenter.Grains.Common;

/// <summary>
/// The longest text each kind of field takes, in UTF-16 characters. The API refuses longer values
/// with a 400 that names the limit, and the OpenAPI document states it as <c>maxLength</c>
/// (see <see cref="TextLimitAttribute"/>); lead imports reject a row whose field is longer.
/// </summary>
public static class TextLimits
{
    /// <summary>Ids of agents, campaigns, calls, scripts and trunks, and any other value in a URL path.</summary>
    public const int Id = 64;

    /// <summary>Names of agents, campaigns, lists and dispositions; a lead's name and address fields.</summary>
    public const int Name = 200;

    /// <summary>Short codes a person types or picks: a pause or skip reason, a tag, a disposition in a filter.</summary>
    public const int Code = 100;

    /// <summary>A phone number as typed ("(212) 734-0199 ext. 12"), before it is normalized to E.164.</summary>
    public const int Phone = 64;

    /// <summary>An e-mail address (RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its brackets).</summary>
    public const int Email = 254;

    /// <summary>A SIP URI of an agent's phone.</summary>
    public const int SipUri = 512;

    /// <summary>Free text: a lead's comments, an agent's call notes (lead imports have long carried comments of tens of thousands of characters).</summary>
    public const int Comments = 65_536;

    /// <summary>A lead's custom fields as JSON text.</summary>
    public const int CustomFieldsJson = 256 * 1024;

    /// <summary>The name of an uploaded file.</summary>
    public const int FileName = 255;

    /// <summary>A small text part of an upload or query (a column mapping as JSON).</summary>
    public const int Part = 64 * 1024;

    /// <summary>A value in a query string (a filter, a search text).</summary>
    public const int Filter = 200;

    /// <summary>A page cursor handed out as <c>next</c> (it carries the last row's sort value).</summary>
    public const int Cursor = 1024;

    /// <summary>Any other string of a request body that declares no limit of its own.</summary>
    public const int Default = 1000;
}
