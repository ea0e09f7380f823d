namespace ContactCenter.Api.Input;

/// <summary>
/// One reading of optional query filters everywhere: an empty or blank value (<c>?campaignId=</c>,
/// as a form with an "all" choice sends it) is the same as leaving the filter out. The one documented
/// exception is <c>campaignId</c> of <c>/api/dnc</c>, where empty names the global list.
/// </summary>
public static class QueryText
{
    /// <summary>The trimmed value, or null when it is absent, empty or blank.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
