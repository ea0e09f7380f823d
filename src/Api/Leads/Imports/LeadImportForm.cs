using ContactCenter.Grains.Common;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// The parts of a lead import upload, as the OpenAPI document describes them. The body is never
/// bound to this type: it is read part by part and the file spooled to disk as it arrives.
/// </summary>
/// <param name="File">The CSV; its first line names the columns.</param>
/// <param name="Mapping">A JSON object of CSV header to lead field, such as {"Mobile":"phone"}.</param>
/// <param name="Duplicates">skip (default), update or allow.</param>
public sealed record LeadImportForm(
    IFormFile File,
    [property: TextLimit(TextLimits.Part, Multiline = true)] string? Mapping,
    [property: TextLimit(TextLimits.Code)] string? Duplicates);
