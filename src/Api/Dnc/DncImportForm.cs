using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Dnc;

/// <summary>
/// The parts of a DNC upload, as the OpenAPI document describes them. The body is never bound to
/// this type: it is read part by part, the file streamed straight into PostgreSQL.
/// </summary>
/// <param name="File">CSV with a phone column, or one number per line.</param>
/// <param name="CampaignId">The campaign whose list the numbers join; absent or empty for the global list.</param>
/// <param name="Reason">Stored with each number.</param>
/// <param name="Region">ISO 3166 region for numbers without a country code (default US).</param>
public sealed record DncImportForm(
    IFormFile File,
    [property: TextLimit(TextLimits.Id)] string? CampaignId,
    [property: TextLimit(TextLimits.Name)] string? Reason,
    [property: TextLimit(TextLimits.Code)] string? Region)
{
    /// <summary>The limit of a text part by its name; null for a part the import does not read.</summary>
    public static int? LimitOf(string part) => part.ToLowerInvariant() switch
    {
        "campaignid" => TextLimits.Id,
        "reason" => TextLimits.Name,
        "region" => TextLimits.Code,
        _ => null,
    };
}
